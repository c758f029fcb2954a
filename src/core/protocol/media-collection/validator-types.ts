/** Shape of the build-time generated validators (ajv standalone code with allErrors + verbose). */
export interface ValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The offending value (verbose mode). */
  data?: unknown;
  schema?: unknown;
  parentSchema?: unknown;
  /** Set on errors about an object key (propertyNames). */
  propertyName?: string;
}

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}
