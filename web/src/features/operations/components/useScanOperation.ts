/**
 * The state every scan-first operation shares: the warehouse, the scanned SKU and its level there,
 * the quantity typed, the last success message, and the reset after a success that readies the
 * next scan (the floor works item after item).
 */
import { useRef, useState } from 'react';
import type { Schemas } from '../../../lib/api';
import { parseCount } from '../../../lib/format';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useStockLevel } from '../api/get-stock-level';
import type { ScanFieldHandle } from './ScanField';
import { useWarehouseChoice } from './WarehousePicker';

export const useScanOperation = (permission: string, initialQuantity = '1') => {
  const choice = useWarehouseChoice(permission);
  const warehouse = choice.value;
  const [sku, setSku] = useState<Schemas['Sku'] | null>(null);
  const [quantity, setQuantity] = useState(initialQuantity);
  const [done, setDone] = useState<string | null>(null);
  const scan = useRef<ScanFieldHandle>(null);
  const level = useStockLevel(sku?.sku, warehouse);
  return {
    choice,
    warehouse,
    sku,
    quantity,
    setQuantity,
    /** The quantity as a whole number, or null when it is not one. */
    n: parseCount(quantity),
    done,
    scan,
    level,
    errorText: useErrorText(),
    warehouseName: useWarehouseName(),
    /** For ScanField's onSku: a new scan clears the last success message. */
    onSku: (found: Schemas['Sku'] | null) => {
      setSku(found);
      if (found) setDone(null);
    },
    /** After a success: say what happened and get ready for the next item. */
    finish: (message: string) => {
      setDone(message);
      setSku(null);
      setQuantity(initialQuantity);
      scan.current?.clear();
      scan.current?.focus();
    },
  };
};
