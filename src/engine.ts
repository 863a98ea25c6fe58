// The lazily loaded half of Forge: everything that needs the Daytona SDK or the local backend.
// The VS Code layer requires dist/engine.js on first use so that activation stays light.
export {};
