import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs|stylis|@babel[\\/]runtime|classnames|clsx)[\\/]/;

// Libraries that change rarely get chunks of their own, so a new release of the app does not make
// browsers download React or Ant Design again. Only the Ant Design components the shell needs are in
// the first load ('$initial'); the rest (tables, date pickers…) come with the pages that use them,
// grouped by which pages share them. ECharts is only fetched by the pages that draw charts.
const vendorChunks = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 3 },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|cookie|set-cookie-parser)[\\/]/, priority: 2 },
  { name: 'antd', test: ANTD, tags: ['$initial' as const], priority: 1 },
  { name: 'antd-parts', test: ANTD, entriesAware: true, entriesAwareMergeThreshold: 20_000 },
];

// The API server that `vite` (dev) and `vite preview` pass /api and /docs to.
const api = process.env.RENDA_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorChunks },
        // Page-set chunk names list every page that shares them; a short name is enough.
        chunkFileNames: (c) => (c.name.startsWith('antd-parts') ? 'assets/antd-parts-[hash].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/docs': api },
  },
});
