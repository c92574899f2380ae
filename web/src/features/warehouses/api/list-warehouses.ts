/** GET /v1/warehouses (the shared cache of lib/warehouses.ts). */
export { useWarehouses } from '../../../lib/warehouses';
