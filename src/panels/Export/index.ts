export { ExportMenu } from './ExportMenu';
export { Figure2Preview, type Figure2PreviewProps } from './Figure2Preview';
