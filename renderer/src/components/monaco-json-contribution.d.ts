// The JSON contribution ships without its own declarations; this is the one call Ferry makes.
declare module 'monaco-editor/language/json/monaco.contribution' {
  interface SchemaAssociation {
    uri: string;
    fileMatch?: string[];
    schema?: unknown;
  }
  export const jsonDefaults: {
    setDiagnosticsOptions(options: {
      validate?: boolean;
      allowComments?: boolean;
      enableSchemaRequest?: boolean;
      schemaValidation?: 'error' | 'warning' | 'ignore';
      schemas?: SchemaAssociation[];
    }): void;
  };
}
