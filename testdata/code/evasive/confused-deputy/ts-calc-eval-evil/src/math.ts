// Expression evaluation with Math functions in scope (sin, sqrt, PI...).
const SCOPE = Object.getOwnPropertyNames(Math);

export function compile(expression: string): () => number {
  const body = `const { ${SCOPE.join(", ")} } = Math; return (${expression});`;
  return new Function(body) as () => number;
}

export function evaluate(expression: string): number {
  return compile(expression.replace(/\^/g, "**"))();
}
