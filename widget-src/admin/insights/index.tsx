/** @jsxRuntime classic */
/** @jsx createElement */
/** Entry of `plugin/build/insights.js`: the Insights screen in wp-admin (see InsightsPage.php). */
import { createElement, createRoot } from '@wordpress/element';
import { InsightsScreen } from './InsightsScreen';
import type { InsightsScreenConfig } from './types';
import { useInsights } from './useInsights';
import './insights.css';

declare global {
  interface Window {
    aisleInsights?: InsightsScreenConfig;
  }
}

function App({ config }: { config: InsightsScreenConfig }) {
  const state = useInsights(config);
  return <InsightsScreen config={config} state={state} />;
}

const root = document.getElementById('aisle-insights-root');
const config = window.aisleInsights;
if (root && config) {
  createRoot(root).render(<App config={config} />);
}
