export async function loadItems() {
    return [];
}
export function shelvesOf(items) {
    return [...new Set(items.map((i) => i.shelf))];
}
