// Vite's client types: let TypeScript accept the CSS imports of main.tsx.
/// <reference types="vite/client" />
