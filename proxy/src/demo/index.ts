export {
  createDemoProductSource,
  demoHomeProduct,
  demoImagesDir,
  demoMeta,
  findDemoProductBySlug,
  loadDemoCatalog,
  DEMO_HOME_PRODUCT_SLUG,
  DEMO_IMAGES_PATH,
  type DemoCatalog,
  type DemoImage,
  type DemoProduct,
  type DemoVariation,
} from './catalog';
export { demoWidgetConfig, renderDemoPage, type DemoPageOptions, type DemoWidgetConfig } from './page';
export { parseDemoLang, type DemoLang } from './page-text';
export { escapeHtml, jsonForScript, safeUrl } from './html';
