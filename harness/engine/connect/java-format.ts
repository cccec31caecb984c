// Number formatting as the JVM prints it, because Kafka Connect's JsonConverter (Jackson) writes
// float64 with Double.toString and float32 with Float.toString: 100.0, 1.0E7, 1.0E-4, "NaN".

function digitsAndExponent(x: number): { digits: string; exp: number } {
  // shortest round-trip digits (ECMAScript Number::toString picks the shortest, as JDK 19+ does;
  // JDK 17's FloatingDecimal agrees except in rare corner cases)
  const [mant, e] = Math.abs(x).toExponential().split('e');
  return { digits: mant.replace('.', ''), exp: Number(e) };
}

function layout(negative: boolean, digits: string, exp: number, abs: number): string {
  const sign = negative ? '-' : '';
  if (abs >= 1e-3 && abs < 1e7) {
    // plain notation with at least one digit after the point
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1) || '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  // "computerized scientific notation": d.dddE±n, no '+' sign
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exp}`;
}

/** java.lang.Double.toString */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const { digits, exp } = digitsAndExponent(x);
  return layout(x < 0, digits, exp, Math.abs(x));
}

/** java.lang.Float.toString of a value already rounded to float32 */
export function javaFloatToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const f = Math.fround(x);
  // shortest precision that reads back as the same float32
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) {
      const { digits, exp } = digitsAndExponent(candidate);
      return layout(f < 0, digits, exp, Math.abs(f));
    }
  }
  return javaDoubleToString(f);
}
