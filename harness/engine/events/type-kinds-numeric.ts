// numeric and money kinds: PostgresValueConverter.numericSchema/convertDecimal/moneySchema/convertMoney
// under decimal.handling.mode (SpecialValueDecimal for NaN/Infinity).
import type { ColumnMeta } from './contract.ts';
import { LOGICAL, s } from '../connect/connect-schema.ts';
import { bigintToTwosComplement, decimalToPlainString, parseDecimal, setScale, stripTrailingZeros } from './decimal.ts';
import { parseMoney } from '../postgres/pg-text.ts';
import { ConverterError, javaFloatSpecial, placeholderString, type Kind, type TypeMapConfig } from './type-kind.ts';

/** numeric(p,s) from atttypmod: ((p << 16) | s) + 4; -1 = unconstrained (Debezium: VariableScaleDecimal). */
export function numericPrecisionScale(typeMod: number): { precision: number; scale: number } | null {
  if (typeMod < 4) return null;
  const t = typeMod - 4;
  return { precision: (t >> 16) & 0xffff, scale: t & 0xffff };
}

// SpecialValueDecimal.toString under decimal.handling.mode=string prints the enum constant's name
export const SPECIAL_NAMES: Record<string, string> = { NaN: 'NAN', Infinity: 'POSITIVE_INFINITY', '-Infinity': 'NEGATIVE_INFINITY' };

export function numericKind(col: ColumnMeta, cfg: TypeMapConfig): Kind {
  // PostgresValueConverter.numericSchema / convertDecimal; SpecialValueDecimal for NaN/Infinity
  const ps = numericPrecisionScale(col.typeMod);
  const variable = ps === null || (ps.precision === 0 && ps.scale === 0);
  const special = (t: string): boolean => t === 'NaN' || t === 'Infinity' || t === '-Infinity';
  const refuse = (t: string): never => {
    throw new ConverterError(
      `column ${col.name}: got the special value ${t} for a numeric column, which decimal.handling.mode=precise cannot carry; ` +
      `set decimal.handling.mode to "string" or "double" (as Debezium's SpecialValueDecimal requires)`);
  };
  if (cfg.decimalHandlingMode === 'double') {
    return { schema: s.prim('float64'), fromText: (t) => javaFloatSpecial(t) ?? Number(t), toast: placeholderString, fallback: 0 };
  }
  if (cfg.decimalHandlingMode === 'string') {
    return {
      schema: s.prim('string'),
      fromText: (t) => (special(t) ? SPECIAL_NAMES[t] : decimalToPlainString(ps && !variable ? setScale(parseDecimal(t), ps.scale) : parseDecimal(t))),
      toast: placeholderString,
      fallback: '0',
    };
  }
  if (variable) {
    const schema = s.struct(LOGICAL.variableScaleDecimal, [
      s.field('scale', s.prim('int32', false)),
      s.field('value', s.prim('bytes', false)),
    ], true, { version: 1, doc: 'Variable scaled decimal' });
    return {
      schema,
      fromText: (t) => {
        if (special(t)) return refuse(t);
        const d = stripTrailingZeros(parseDecimal(t));
        return { scale: d.scale, value: bigintToTwosComplement(d.unscaled) };
      },
      toast: placeholderString,
      fallback: { scale: 0, value: Buffer.from([0]) },
    };
  }
  const scale = ps!.scale;
  return {
    schema: s.logical('bytes', LOGICAL.decimal, 1, true, { scale: String(scale), 'connect.decimal.precision': String(ps!.precision) }),
    fromText: (t) => (special(t) ? refuse(t) : bigintToTwosComplement(setScale(parseDecimal(t), scale).unscaled)),
    toast: placeholderString,
    fallback: Buffer.from([0]),
  };
}

export function moneyKind(cfg: TypeMapConfig): Kind {
  // PostgresValueConverter.moneySchema / convertMoney; the pgoutput value arrives as a BigDecimal of the text
  const digits = cfg.moneyFractionDigits;
  switch (cfg.decimalHandlingMode) {
    case 'double':
      return { schema: s.prim('float64'), fromText: (t) => Number(moneyDecimalText(t)), toast: placeholderString, fallback: 0 };
    case 'string':
      return { schema: s.prim('string'), fromText: moneyDecimalText, toast: placeholderString, fallback: (0).toFixed(digits) };
    case 'precise':
      return {
        schema: s.logical('bytes', LOGICAL.decimal, 1, true, { scale: String(digits) }),
        fromText: (t) => bigintToTwosComplement(setScale(parseDecimal(moneyDecimalText(t)), digits).unscaled),
        toast: placeholderString,
        fallback: Buffer.from([0]),
      };
  }
}

/** '$1,234.56' → '1234.56', '-$0.99' → '-0.99' (BigDecimal.toPlainString of the parsed amount) */
export function moneyDecimalText(t: string): string {
  const neg = parseMoney(t) < 0 || /^\(.*\)$/.test(t.trim()) || t.trim().startsWith('-');
  const digits = t.replace(/[^0-9.]/g, '');
  return (neg ? '-' : '') + digits;
}
