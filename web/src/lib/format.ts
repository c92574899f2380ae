/** Numbers, dates and labels as people read them. */
export const formatNumber = (n: number): string => n.toLocaleString();

/** "1 unit", "12 units". */
export const formatUnits = (n: number): string => `${formatNumber(n)} ${n === 1 ? 'unit' : 'units'}`;

export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export const formatDate = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

/** "3 min 05 s", "1 h 02 min", or "expired". */
export const formatCountdown = (ms: number): string => {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 24) return `${Math.floor(h / 24)} d ${h % 24} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(sec).padStart(2, '0')} s`;
};

export const humanize = (code: string): string => {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const movementTypeLabels: Record<string, string> = {
  receive: 'Received',
  reserve: 'Reserved',
  release: 'Released',
  expire: 'Expired',
  allocate: 'Allocated',
  fulfil: 'Shipped',
  return: 'Returned',
  adjust: 'Adjusted',
  damage: 'Damaged',
  write_off: 'Written off',
  transfer_out: 'Transferred out',
  transfer_in: 'Transferred in',
};

/** Colours for charts and legends, in movement type order; distinct enough side by side. */
export const movementTypeColors: Record<string, string> = {
  receive: '#2e7d32',
  reserve: '#f9a825',
  release: '#9e9e9e',
  expire: '#795548',
  allocate: '#1565c0',
  fulfil: '#6a1b9a',
  return: '#00838f',
  adjust: '#ef6c00',
  damage: '#c62828',
  write_off: '#4e342e',
  transfer_out: '#5c6bc0',
  transfer_in: '#26a69a',
};

/** Parses a whole number typed by a person ("1,200" too); null when it is not one. */
export const parseCount = (text: string): number | null => {
  const clean = text.replace(/[\s,_']/g, '');
  if (!/^-?\d{1,10}$/.test(clean)) return null;
  return Number(clean);
};
