/** Codes of SKUs and warehouses: 1–64 letters, digits, `-`, `_`, `.`; never `.` or `..` alone. */
export const codePattern = '^(?!\\.{1,2}$)[A-Za-z0-9._-]{1,64}$';
const codeRegExp = new RegExp(codePattern);

export const isValidCode = (code: string): boolean => codeRegExp.test(code);

export const quantityMax = 1_000_000_000;

export const isQuantity = (value: number): boolean => Number.isSafeInteger(value) && value >= 1 && value <= quantityMax;
