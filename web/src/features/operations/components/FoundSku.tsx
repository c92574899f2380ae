/** The SKU a scan found, with its figures in the chosen warehouse. */
import type { Schemas } from '../../../lib/api';
import { formatNumber } from '../../../lib/format';
import { StockBadge } from '../../../components/ui';

export const FoundSku = ({ sku, level }: { sku: Schemas['Sku']; level?: Schemas['StockLevel'] | null }) => (
  <div className="sku-found" aria-live="polite" data-testid="found-sku">
    <strong>{sku.name}</strong> <span className="code">{sku.sku}</span>
    {level !== undefined && (
      <div className="sub">
        {level ? (
          <>
            {formatNumber(level.onHand)} on hand, {formatNumber(level.available)} available <StockBadge status={level.status} />
          </>
        ) : (
          'None here yet.'
        )}
      </div>
    )}
  </div>
);
