// A factory: the tool object is built from the arguments, behind a thunk.
export const CreateTool = (name, description, schema, handler) => () => ({
    name: name,
    description: description,
    schema: schema,
    handler: handler,
});
