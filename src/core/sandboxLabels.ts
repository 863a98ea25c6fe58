// The labels that mark Forge's sandboxes, for the adapters (src/daytona/labels.ts owns them). A file of its own so
// the light VS Code bundle can read them without pulling in the SDK client.
export { keyLabels, LABEL_PORT, LABEL_REF, LABEL_STOP_ON_CLOSE } from '../daytona/labels';
