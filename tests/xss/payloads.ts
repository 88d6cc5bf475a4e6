/**
 * A corpus of hostile HTML: every shape of script, handler, unsafe URL, remote fetch and
 * mutation-XSS that has broken an HTML importer before (Joplin, Typora, MarkText, DOMPurify
 * bypasses). Each payload, if it ever ran, would call `window.__glossXss('<name>')` or fetch
 * `http://xss.invalid/<name>`, so a browser test can tell which one escaped.
 *
 * The corpus is written so that the *visible* text of every payload — what a browser renders as
 * text — is plain words: no marker of XSS_MARKERS and no `<` that starts markup. Anything else that
 * shows up in an article's text therefore came from a script, an attribute, a style sheet or a
 * raw-text element (`<xmp>`, `<noembed>`, `<textarea>`, `<title>`…) and is a leak. `assertInert`
 * below states the rule precisely.
 */
import type { Block } from '../../core/domain';

/** One hostile fragment of HTML, to be put inside a page's body. */
export interface XssPayload {
  name: string;
  html: string;
}

/**
 * A payload's markup: `$CALL` stands for `window.__glossXss('<name>')` and `$URL` for
 * `http://xss.invalid/<name>`; a function builds markup that encodes them.
 */
type Template = string | ((call: string, url: string) => string);

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
/** `&#106;&#97;…`: every character as a decimal character reference. */
const decimalRefs = (text: string): string =>
  Array.from(text, (c) => `&#${c.codePointAt(0)};`).join('');
/** `&#x6A&#x61…`: hex character references without the closing semicolon. */
const hexRefs = (text: string): string =>
  Array.from(text, (c) => `&#x${c.codePointAt(0)!.toString(16)}`).join('');
const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';

const SCRIPTS: [string, Template][] = [
  ['script-basic', '<script>$CALL</script>'],
  ['script-uppercase', '<SCRIPT>$CALL</SCRIPT>'],
  ['script-mixed-case-attrs', '<ScRiPt type="text/javascript" defer async>$CALL</sCrIpT>'],
  ['script-close-space', '<script>$CALL</script >'],
  ['script-close-attr', '<script>$CALL</script data-x="y">'],
  ['script-nested', "<script>var tag = '<script>'; $CALL</script>"],
  ['script-after-comment', '<!--<script>--><script>$CALL</script>'],
  ['script-html-comment', '<script><!--\n$CALL\n//--></script>'],
  ['script-module', '<script type="module">$CALL</script>'],
  ['script-src-remote', '<script src="$URL"></script>'],
  ['script-src-data', '<script src="data:text/javascript,$CALL"></script>'],
  ['script-self-closing', '<script src="data:text/javascript,$CALL" />$CALL</script>'],
];

const HANDLERS: [string, Template][] = [
  ['img-onerror', '<img src=x onerror="$CALL">'],
  ['img-onerror-slashes', '<img/src="x"/onerror=$CALL>'],
  ['img-onerror-upper', '<IMG SRC=x ONERROR="$CALL">'],
  ['img-onerror-entities', (call) => `<img src=x onerror="${decimalRefs(call)}">`],
  ['svg-onload', '<svg onload="$CALL"></svg>'],
  ['svg-onload-slash', '<svg/onload=$CALL>'],
  ['body-onload', '<body onload="$CALL">'],
  ['body-onpageshow', '<body onpageshow="$CALL">'],
  ['html-onmouseover', '<html onmouseover="$CALL">'],
  [
    'details-ontoggle',
    '<details open ontoggle="$CALL"><summary>More</summary>Hidden words</details>',
  ],
  ['video-onerror', '<video src=x onerror="$CALL"></video>'],
  ['video-source-onerror', '<video><source src=x onerror="$CALL"></video>'],
  ['audio-onerror', '<audio src=x onerror="$CALL"></audio>'],
  ['input-autofocus', '<input autofocus onfocus="$CALL">'],
  ['select-autofocus', '<select autofocus onfocus="$CALL"><option>pick</option></select>'],
  ['textarea-autofocus', '<textarea autofocus onfocus="$CALL">typed</textarea>'],
  ['marquee-onstart', '<marquee onstart="$CALL">Ticker words</marquee>'],
  ['div-onmouseover', '<div onmouseover="$CALL">Hover here</div>'],
  ['a-onclick-safe-href', '<a href="https://example.org/story" onclick="$CALL">A real link</a>'],
  ['contenteditable-onfocus', '<p contenteditable autofocus onfocus="$CALL">Edit me</p>'],
  ['iframe-onload', '<iframe onload="$CALL"></iframe>'],
  ['object-onerror', '<object data=x onerror="$CALL"></object>'],
  ['style-onload', '<style onload="$CALL"></style>'],
  ['link-onload', '<link rel=stylesheet href=x onload="$CALL" onerror="$CALL">'],
  ['svg-animate-onbegin', '<svg><animate onbegin="$CALL" attributeName=x dur=1s></svg>'],
  ['form-onsubmit', '<form onsubmit="$CALL"><button>Send</button></form>'],
  ['isindex-onerror', '<isindex type=image src=1 onerror="$CALL">'],
];

const URLS: [string, Template][] = [
  ['a-javascript', '<a href="javascript:$CALL">Click me</a>'],
  ['a-javascript-mixed-case', '<a href="JaVaScRiPt:$CALL">Click me</a>'],
  [
    'a-javascript-decimal-refs',
    (call) => `<a href="${decimalRefs(`javascript:${call}`)}">Click me</a>`,
  ],
  ['a-javascript-hex-refs', (call) => `<a href="${hexRefs('javascript:')}${call}">Click me</a>`],
  ['a-javascript-tab', '<a href="java&#x09;script:$CALL">Click me</a>'],
  ['a-javascript-newline', '<a href="java\nscript:$CALL">Click me</a>'],
  ['a-javascript-cr-ref', '<a href="jav&#x0D;ascript:$CALL">Click me</a>'],
  ['a-javascript-leading-space', '<a href="   javascript:$CALL">Click me</a>'],
  ['a-javascript-leading-control', '<a href="&#x01;&#x1F; javascript:$CALL">Click me</a>'],
  ['a-javascript-colon-entity', '<a href="javascript&colon;$CALL">Click me</a>'],
  ['a-javascript-comment-newline', '<a href="javascript://%0A$CALL">Click me</a>'],
  ['a-vbscript', '<a href="vbscript:MsgBox(&quot;a-vbscript&quot;)">Click me</a>'],
  ['a-data-html', '<a href="data:text/html,&lt;script&gt;$CALL&lt;/script&gt;">Click me</a>'],
  [
    'a-data-html-base64',
    (call) => `<a href="data:text/html;base64,${base64(`<script>${call}</script>`)}">Click me</a>`,
  ],
  ['a-file', '<a href="file://xss.invalid/a-file">Click me</a>'],
  ['a-file-windows', '<a href="file:///C:/Windows/win.ini#a-file-windows">Click me</a>'],
  ['a-intent', '<a href="intent://xss.invalid/a-intent#Intent;scheme=https;end">Click me</a>'],
  ['area-javascript', '<map name=m><area shape=rect coords=0,0,9,9 href="javascript:$CALL"></map>'],
  ['form-action-javascript', '<form action="javascript:$CALL"><input type=submit value=Go></form>'],
  ['button-formaction', '<form><button formaction="javascript:$CALL">Go</button></form>'],
  ['iframe-javascript', '<iframe src="javascript:$CALL"></iframe>'],
  ['iframe-data-html', '<iframe src="data:text/html,<script>$CALL</script>"></iframe>'],
  ['iframe-srcdoc', '<iframe srcdoc="<script>$CALL</script><img src=x onerror=$CALL>"></iframe>'],
  ['embed-javascript', '<embed src="javascript:$CALL">'],
  [
    'embed-data-svg',
    (call) =>
      `<embed src="data:image/svg+xml;base64,${base64(`<svg ${SVG_NS} onload="${call}"/>`)}">`,
  ],
  ['object-javascript', '<object data="javascript:$CALL"></object>'],
  [
    'object-data-html',
    (call) =>
      `<object data="data:text/html;base64,${base64(`<script>${call}</script>`)}">Fallback words</object>`,
  ],
  [
    'base-javascript',
    '<base href="javascript:$CALL//"><a href="relative/page">Relative link</a><a href="#frag">Fragment link</a>',
  ],
  ['meta-refresh-javascript', '<meta http-equiv="refresh" content="0;url=javascript:$CALL">'],
  [
    'meta-refresh-data',
    (call) =>
      `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${base64(`<script>${call}</script>`)}">`,
  ],
  [
    'img-data-svg',
    `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='$CALL'/>">`,
  ],
];

const STYLES: [string, Template][] = [
  ['style-expression', '<div style="width: expression($CALL)">Styled words</div>'],
  ['style-url-javascript', '<style>body { background: url("javascript:$CALL") }</style>'],
  ['style-import', '<style>@import url($URL);</style>'],
  ['style-font-face', '<style>@font-face { font-family: x; src: url($URL) }</style>'],
  ['style-attr-background', '<div style="background-image: url($URL)">Background words</div>'],
  ['style-behavior', '<div style="behavior: url($URL.htc)">Behaviour words</div>'],
  ['style-moz-binding', '<div style="-moz-binding: url($URL#xss)">Binding words</div>'],
  ['link-stylesheet', '<link rel="stylesheet" href="$URL">'],
  ['link-import', '<link rel="import" href="$URL">'],
  ['link-preload', '<link rel="preload" as="image" href="$URL">'],
];

const REMOTE: [string, Template][] = [
  ['img-remote', '<img src="$URL">'],
  ['img-srcset', '<img srcset="$URL 1x, $URL 2x">'],
  ['picture-source', '<picture><source srcset="$URL"><img src="x"></picture>'],
  ['image-element', '<image src="$URL">'],
  ['input-image', '<input type="image" src="$URL">'],
  ['iframe-remote', '<iframe src="$URL"></iframe>'],
  ['frame-remote', '<frameset><frame src="$URL"></frameset>'],
  ['embed-remote', '<embed src="$URL.swf">'],
  ['object-remote', '<object data="$URL.swf"></object>'],
  ['audio-remote', '<audio autoplay src="$URL"></audio>'],
  ['video-poster', '<video poster="$URL"></video>'],
  ['track-remote', '<video><track kind=captions src="$URL"></video>'],
  ['body-background', '<body background="$URL">'],
  ['table-background', '<table background="$URL"><tr><td>Cell words</td></tr></table>'],
  ['meta-refresh-remote', '<meta http-equiv="refresh" content="0;url=$URL">'],
];

const SVG_AND_MATH: [string, Template][] = [
  ['svg-script', '<svg><script>$CALL</script></svg>'],
  ['svg-script-href', '<svg><script href="data:text/javascript,$CALL"></script></svg>'],
  [
    'svg-xlink-href',
    '<svg><a xlink:href="javascript:$CALL"><text x="0" y="20">Svg link</text></a></svg>',
  ],
  [
    'svg-animate-href',
    '<svg><a><animate attributeName="href" values="javascript:$CALL" /><text y="20">Animated</text></a></svg>',
  ],
  ['svg-set-handler', '<svg><set attributeName="onmouseover" to="$CALL" /></svg>'],
  [
    'svg-use-data',
    (call) =>
      `<svg><use href="data:image/svg+xml;base64,${base64(`<svg id="x" ${SVG_NS}><image href="1" onerror="${call}"/></svg>`)}#x" /></svg>`,
  ],
  ['svg-foreign-object', '<svg><foreignObject><img src=x onerror="$CALL"></foreignObject></svg>'],
  ['svg-image-remote', '<svg><image href="$URL" /></svg>'],
  ['svg-style-import', '<svg><style>@import url($URL);</style></svg>'],
  ['math-href', '<math href="javascript:$CALL"><mi>x</mi></math>'],
  [
    'math-maction',
    '<math><maction actiontype="statusline" xlink:href="javascript:$CALL"><mtext>Math words</mtext></maction></math>',
  ],
];

/** Raw-text and RCDATA elements whose content a careless converter would copy out as text. */
const RAW_TEXT: [string, Template][] = [
  ['noscript-img', '<noscript><img src=x onerror="$CALL"></noscript>'],
  ['noembed-img', '<noembed><img src=x onerror="$CALL"></noembed>'],
  ['noframes-img', '<noframes><img src=x onerror="$CALL"></noframes>'],
  ['xmp-img', '<xmp><img src=x onerror="$CALL"></xmp>'],
  ['textarea-breakout', '<textarea><img src=x onerror="$CALL"></textarea>'],
  ['title-in-body', '<title><img src=x onerror="$CALL"></title>'],
  ['template-content', '<template><script>$CALL</script><img src=x onerror="$CALL"></template>'],
  ['iframe-raw-text', '<iframe><img src=x onerror="$CALL"></iframe>'],
  ['plaintext-tail', '<plaintext><img src=x onerror="$CALL">'],
];

/** Shapes that change meaning when parsed twice (serialise + re-parse) or across namespaces. */
const MUTATION: [string, Template][] = [
  ['mxss-noscript-title', '<noscript><p title="</noscript><img src=x onerror=$CALL>"></noscript>'],
  ['mxss-svg-style', '<svg></p><style><a id="</style><img src=1 onerror=$CALL>">'],
  ['mxss-math-mglyph', '<math><mtext><table><mglyph><style><img src=x onerror=$CALL>'],
  [
    'mxss-form-math',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=$CALL>',
  ],
  ['mxss-svg-style-img', '<svg><style><img src=x onerror=$CALL></style></svg>'],
  ['mxss-math-style-img', '<math><style><img src=x onerror=$CALL></style></math>'],
  [
    'mxss-select-template',
    '<select><template><style><img src=x onerror=$CALL></style></template></select>',
  ],
  ['mxss-xmp-title', '<xmp><p title="</xmp><img src=x onerror=$CALL>">'],
  ['mxss-comment-breakout', '<!--<img src="--><img src=x onerror=$CALL>-->'],
  ['mxss-attr-entities', '<div title="&lt;img src=x onerror=$CALL&gt;">Attribute words</div>'],
  ['mxss-svg-p-breakout', '<svg><p><style><img src=x onerror=$CALL></style></p></svg>'],
];

function payloads(entries: [string, Template][]): XssPayload[] {
  return entries.map(([name, template]) => {
    const call = `window.__glossXss('${name}')`;
    const url = `http://xss.invalid/${name}`;
    const html =
      typeof template === 'string'
        ? template.replaceAll('$CALL', call).replaceAll('$URL', url)
        : template(call, url);
    return { name, html };
  });
}

/** The whole corpus, in a stable order; names are unique (checked by the tests). */
export const XSS_PAYLOADS: readonly XssPayload[] = [
  SCRIPTS, HANDLERS, URLS, STYLES, REMOTE, SVG_AND_MATH, RAW_TEXT, MUTATION,
].flatMap(payloads); // prettier-ignore

/**
 * Strings that never belong in the stored text of an article made from this corpus: they occur
 * only in scripts, attributes, style sheets and URLs of the payloads, never in their visible text.
 * Compared case-insensitively.
 */
export const XSS_MARKERS: readonly string[] = [
  '__glossXss',
  'xss.invalid',
  'javascript:',
  'vbscript:',
  'data:text',
  'data:image',
  'onerror',
  'onload',
  'onfocus',
  'ontoggle',
  'onstart',
  'onbegin',
  'onclick',
  'onmouseover',
  'onsubmit',
  'onpageshow',
  'srcdoc',
  'expression(',
  '@import',
  '@font-face',
  'xlink:href',
  'formaction',
  'http-equiv',
  'MsgBox',
];

/** The block and mark kinds a stored article may contain, and the keys each object may carry. */
const BLOCK_KINDS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bullet_item',
  'ordered_item',
  'code',
]);
const MARK_KINDS = new Set(['em', 'strong', 'link', 'code']);
const BLOCK_KEYS = new Set(['kind', 'start', 'end', 'level', 'marks', 'page']);
const MARK_KEYS = new Set(['kind', 'start', 'end', 'href']);
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** `<` followed by what starts a tag, an end tag, a comment/doctype or a processing instruction. */
const MARKUP_START = /<[A-Za-z/!?]/;

/** What assertInert checks: a converted article (text and blocks), optionally with its title. */
export interface InertCandidate {
  text: string;
  blocks: readonly Block[];
  title?: string;
}

/**
 * Throws unless an article made from corpus payloads is inert. Precisely:
 *
 * - **Text** (and the title, when given) is plain characters a renderer inserts as text. For this
 *   corpus it contains no XSS_MARKERS (case-insensitive) and no `<` followed by a letter, `/`, `!`
 *   or `?` — payloads have no such visible text, so any is markup or script that leaked as text.
 * - **Blocks** are plain data: only the known kinds and keys (no `html`, no attributes), ranges
 *   inside the text, marks inside their block.
 * - **Links** are the only URLs kept: each href is an absolute http(s) or mailto URL already in the
 *   WHATWG URL parser's canonical form (so no whitespace, control or entity tricks survive), and
 *   only link marks carry one.
 *
 * `where` names the payload and the path it took, for the failure message.
 */
export function assertInert(article: InertCandidate, where = 'article'): void {
  const fail = (why: string): never => {
    throw new Error(`${where}: not inert — ${why}`);
  };
  for (const [field, value] of [
    ['text', article.text],
    ['title', article.title ?? ''],
  ] as const) {
    const lower = value.toLowerCase();
    const marker = XSS_MARKERS.find((m) => lower.includes(m.toLowerCase()));
    if (marker) fail(`${field} contains "${marker}": ${JSON.stringify(excerpt(value, marker))}`);
    const markup = MARKUP_START.exec(value);
    if (markup)
      fail(
        `${field} contains markup at ${markup.index}: ${JSON.stringify(value.slice(markup.index, markup.index + 40))}`,
      );
  }
  const length = Array.from(article.text).length;
  for (const block of article.blocks) {
    const extra = Object.keys(block).filter((k) => !BLOCK_KEYS.has(k));
    if (extra.length > 0) fail(`a block carries unexpected keys ${extra.join(', ')}`);
    if (!BLOCK_KINDS.has(block.kind)) fail(`unknown block kind ${String(block.kind)}`);
    if (!(block.start >= 0 && block.start <= block.end && block.end <= length)) {
      fail(`block range ${block.start}–${block.end} outside the text (${length})`);
    }
    for (const mark of block.marks ?? []) {
      const extraMark = Object.keys(mark).filter((k) => !MARK_KEYS.has(k));
      if (extraMark.length > 0) fail(`a mark carries unexpected keys ${extraMark.join(', ')}`);
      if (!MARK_KINDS.has(mark.kind)) fail(`unknown mark kind ${String(mark.kind)}`);
      if (!(mark.start >= block.start && mark.start < mark.end && mark.end <= block.end)) {
        fail(`mark range ${mark.start}–${mark.end} outside its block`);
      }
      if (mark.kind !== 'link') {
        if (mark.href !== undefined) fail(`a ${mark.kind} mark carries an href`);
        continue;
      }
      if (!isCanonicalSafeUrl(mark.href)) fail(`unsafe link href ${JSON.stringify(mark.href)}`);
    }
  }
}

function isCanonicalSafeUrl(href: string | undefined): boolean {
  if (typeof href !== 'string') return false;
  try {
    const url = new URL(href);
    return LINK_PROTOCOLS.has(url.protocol) && url.href === href;
  } catch {
    return false;
  }
}

function excerpt(value: string, marker: string): string {
  const at = value.toLowerCase().indexOf(marker.toLowerCase());
  return value.slice(Math.max(0, at - 20), at + marker.length + 20);
}
