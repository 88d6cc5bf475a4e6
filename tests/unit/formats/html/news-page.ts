/**
 * A realistic news page, written for the tests: site chrome (header navigation, a cookie banner,
 * ad slots, a "related articles" rail, a newsletter box, a footer) around one article with a
 * byline, a date, subheadings, a quote and a list. Only the article should be imported.
 */
const PARAGRAPHS = [
  'Officials in the port city confirmed on Tuesday that three cargo vessels had been held at anchor for more than a week, citing irregularities in their manifests and insurance papers.',
  'According to two people familiar with the inspection, the ships had called at several ports in the region before arriving, and their declared cargo did not match satellite observations of their loading.',
  'The harbour authority declined to name the owners. A spokesperson said the review was routine and that similar holds had been imposed on other vessels this year without public announcement.',
  'Shipping analysts said the episode illustrated how difficult it remains to verify the origin of bulk cargo once it has been transferred between vessels at sea, far from any inspection regime.',
];

export const NEWS_PAGE = `<!DOCTYPE html>
<html lang="en-gb">
<head>
  <meta charset="utf-8">
  <title>Cargo ships held at port over manifest doubts | The Harbour Times</title>
  <meta property="og:title" content="Cargo ships held over manifest doubts">
  <meta property="og:site_name" content="The Harbour Times">
  <meta property="og:url" content="https://harbour-times.example/world/cargo-ships-held">
  <meta property="article:published_time" content="2024-03-05T09:30:00Z">
  <meta name="author" content="Maria Kovalenko">
  <link rel="canonical" href="/world/cargo-ships-held?ref=canonical">
  <link rel="stylesheet" href="/static/site.css">
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Cargo ships held over manifest doubts","datePublished":"2024-03-05T09:30:00Z","author":[{"@type":"Person","name":"Maria Kovalenko"}],"publisher":{"@type":"Organization","name":"Harbour Times Ltd"}}</script>
  <script>window.dataLayer = [];</script>
</head>
<body>
  <div id="cookie-banner" class="cookie-consent">
    <p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>
    <button>Accept all</button>
  </div>
  <header class="site-header">
    <nav class="main-nav"><ul>
      <li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
      <li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li>
    </ul></nav>
  </header>
  <div class="ad ad-leaderboard" id="ad-top">Advertisement</div>
  <main>
    <article class="article">
      <h1 class="headline">Cargo ships held at port over manifest doubts</h1>
      <p class="byline">By <a rel="author" href="/authors/maria-kovalenko">Maria Kovalenko</a></p>
      <time datetime="2024-03-05T09:30:00Z">5 March 2024</time>
      <div class="article-body">
        <p>${PARAGRAPHS[0]}</p>
        <p>${PARAGRAPHS[1]} <a href="/world/earlier-report">An earlier report</a> described a similar case.</p>
        <h2>What the authorities said</h2>
        <p>${PARAGRAPHS[2]}</p>
        <blockquote><p>“We are following the standard procedure for every vessel,” the spokesperson said.</p></blockquote>
        <div class="ad-break sponsor" id="ad-mid">Advertisement: Buy now, pay later</div>
        <h2>Why it matters</h2>
        <p>${PARAGRAPHS[3]}</p>
        <ul>
          <li>Ship-to-ship transfers hide the origin of cargo.</li>
          <li>Insurance papers are often issued in third countries.</li>
        </ul>
      </div>
    </article>
    <aside class="related-articles sidebar">
      <h3>Related articles</h3>
      <ul>
        <li><a href="/world/a">Port strike enters second week</a></li>
        <li><a href="/world/b">New sanctions list published</a></li>
        <li><a href="/world/c">Tanker seized off the coast</a></li>
      </ul>
    </aside>
    <div class="newsletter-signup"><p>Sign up for our morning briefing newsletter.</p></div>
  </main>
  <footer class="site-footer"><p>© 2024 The Harbour Times. All rights reserved.</p>
    <nav><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></nav></footer>
</body>
</html>`;

export const NEWS_PARAGRAPHS = PARAGRAPHS;
