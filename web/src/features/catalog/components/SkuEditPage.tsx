/** Create a SKU, or edit one (only the fields that changed are sent). */
import { useNavigate, useParams } from 'react-router';
import { ErrorNote, Loading, PageHeader } from '../../../components/ui';
import { useCan } from '../../../lib/session';
import { useErrorText } from '../../../lib/warehouses';
import { useCreateSku } from '../api/create-sku';
import { useSku } from '../../../lib/skus';
import { type SkuChanges, useUpdateSku } from '../api/update-sku';
import { type SkuFields, SkuForm, validate, valuesOf } from './SkuForm';

const NotAllowed = () => <ErrorNote>Your role cannot change the catalog.</ErrorNote>;

export const SkuCreatePage = () => {
  const navigate = useNavigate();
  const can = useCan();
  const errorText = useErrorText();
  const create = useCreateSku();
  if (!can('catalog.write')) return <NotAllowed />;
  const submit = (sku: string, f: SkuFields) =>
    create.mutate(
      {
        sku,
        name: f.name,
        unit: f.unit,
        attributes: f.attributes,
        backorder: f.backorder,
        ...(f.barcode && { barcode: f.barcode }),
        ...(f.productId && { productId: f.productId }),
        ...(f.weightGrams !== null && { weightGrams: f.weightGrams }),
        ...(f.dimensionsMm && { dimensionsMm: f.dimensionsMm }),
      },
      { onSuccess: (created) => void navigate(`/skus/${encodeURIComponent(created.sku)}`) },
    );
  return (
    <>
      <PageHeader title="New SKU" />
      <SkuForm initial={valuesOf()} creating busy={create.isPending} error={create.error ? errorText(create.error) : null} onSubmit={submit} />
    </>
  );
};

export const SkuEditPage = () => {
  const { sku = '' } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const errorText = useErrorText();
  const current = useSku(sku);
  const update = useUpdateSku(sku);
  if (!can('catalog.write')) return <NotAllowed />;
  if (current.isPending) return <Loading />;
  if (current.error) return <ErrorNote>{errorText(current.error)}</ErrorNote>;
  const before = validate(valuesOf(current.data), false).fields;
  const submit = (_code: string, after: SkuFields) => {
    const changes: Record<string, unknown> = {};
    for (const key of Object.keys(after) as Array<keyof SkuFields>) {
      if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changes[key] = after[key];
    }
    if (Object.keys(changes).length === 0) return void navigate(`/skus/${encodeURIComponent(sku)}`);
    update.mutate(changes as SkuChanges, { onSuccess: () => void navigate(`/skus/${encodeURIComponent(sku)}`) });
  };
  return (
    <>
      <PageHeader title={`Edit ${sku}`} />
      <SkuForm initial={valuesOf(current.data)} creating={false} busy={update.isPending} error={update.error ? errorText(update.error) : null} onSubmit={submit} />
    </>
  );
};
