// The analyzer's settings for every package (scripts/manifests.mjs passes the rest). Each package's
// package.json names its manifest itself ("customElements"): the analyzer must not rewrite it.
export default {
  packagejson: false,
};
