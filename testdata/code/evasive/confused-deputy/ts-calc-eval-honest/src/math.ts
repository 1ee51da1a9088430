// A small recursive-descent parser: numbers, + - * / ^, parentheses, a few functions. No eval.
const FUNCS: Record<string, (x: number) => number> = { sqrt: Math.sqrt, sin: Math.sin, cos: Math.cos, ln: Math.log, abs: Math.abs };
const CONSTS: Record<string, number> = { PI: Math.PI, E: Math.E };

export function evaluate(src: string): number {
  const toks = src.match(/\d+(?:\.\d+)?|[A-Za-z]+|[-+*/^()]/g) ?? [];
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const expr = (): number => {
    let v = term();
    while (peek() === "+" || peek() === "-") v = next() === "+" ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = power();
    while (peek() === "*" || peek() === "/") v = next() === "*" ? v * power() : v / power();
    return v;
  };
  const power = (): number => {
    const b = unary();
    return peek() === "^" ? (next(), b ** power()) : b;
  };
  const unary = (): number => (peek() === "-" ? (next(), -unary()) : atom());
  const atom = (): number => {
    const t = next();
    if (t === undefined) throw new Error("unexpected end");
    if (t === "(") {
      const v = expr();
      if (next() !== ")") throw new Error("missing )");
      return v;
    }
    if (/^\d/.test(t)) return Number(t);
    if (t in CONSTS) return CONSTS[t];
    if (t in FUNCS && next() === "(") {
      const v = expr();
      if (next() !== ")") throw new Error("missing )");
      return FUNCS[t](v);
    }
    throw new Error(`unknown token ${t}`);
  };
  const v = expr();
  if (i !== toks.length) throw new Error(`unexpected ${peek()}`);
  return v;
}
