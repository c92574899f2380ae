/**
 * Response serializers (fast-json-stringify), one per distinct schema instead of one per route and
 * status. Every route declares the same error schema for ten statuses (`errorResponses`) and many
 * share a success schema; Fastify's default compiler builds each of them anew, each with its own
 * copy of the shared schemas and, for schemas with unions, its own Ajv instance: tens of MB of
 * heap that stays resident for the life of the process (docs/performance.md, "Memory").
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;

/** Wraps the default serializer factory so identical schemas share one compiled serializer. */
export const sharedSerializers: Factory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  const built = new Map<string, ReturnType<typeof compile>>();
  return (route) => {
    // The serializer depends on the schema alone (not on the route or status).
    const key = JSON.stringify(route.schema);
    let serializer = built.get(key);
    if (!serializer) {
      serializer = compile(route);
      built.set(key, serializer);
    }
    return serializer;
  };
};
