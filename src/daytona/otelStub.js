// Stands in for the OpenTelemetry SDK packages that @daytonaio/sdk loads only when tracing is turned on
// (DAYTONA_OTEL_ENABLED). Forge does not ship them, which leaves ~1.5 MB of tracing and gRPC code out of the bundle.
throw new Error('OpenTelemetry tracing is not available in Forge; unset DAYTONA_OTEL_ENABLED.');
