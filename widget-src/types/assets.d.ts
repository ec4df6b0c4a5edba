/** Stylesheets are imported for their side effect (mini-css-extract emits them). */
declare module '*.css';
