#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* count_lines(bytes) -> int: fast newline count used for error positions. */
static PyObject *count_lines(PyObject *self, PyObject *args) {
    const char *buf;
    Py_ssize_t len, n = 0;
    if (!PyArg_ParseTuple(args, "y#", &buf, &len)) return NULL;
    for (Py_ssize_t i = 0; i < len; i++) n += buf[i] == '\n';
    return PyLong_FromSsize_t(n);
}

static PyMethodDef methods[] = {{"count_lines", count_lines, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods};
PyMODINIT_FUNC PyInit__scan(void) { return PyModule_Create(&module); }
