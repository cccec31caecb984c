// Type declarations for Docusaurus' @theme/* and @docusaurus/* aliases and CSS modules.
/// <reference types="@docusaurus/module-type-aliases" />
/// <reference types="@docusaurus/theme-classic" />
