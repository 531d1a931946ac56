"""The tools Lumen's agent may call, standard library only.

    run_tool("calculator", "6 * 7")      # -> "42"
    run_tool("glossary", "sidecar")      # -> "sidecar: a helper container that ..."
    run_tool("calculator", "__import__") # raises ToolError (only arithmetic is accepted)
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from dataclasses import dataclass

from opentelemetry import trace

from lumen.genai import OPERATION_NAME, TOOL_NAME


class ToolError(Exception):
    """A tool could not do what was asked; the message is safe to show to the user."""


# #region calculator
_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {ast.UAdd: operator.pos, ast.USub: operator.neg}
MAX_EXPRESSION_CHARS = 200
MAX_EXPONENT = 100
MAX_RESULT_BITS = 1024


def _evaluate(node: ast.AST) -> float:
    """Walks the parsed expression, allowing numbers and arithmetic only: no names, calls or attributes."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:
            raise ToolError(f"exponent {right:g} is too large (limit {MAX_EXPONENT})")
        result = _BINARY[type(node.op)](left, right)
        if isinstance(result, int) and result.bit_length() > MAX_RESULT_BITS:
            raise ToolError("the result is too large")
        return result
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand))
    raise ToolError(f"only numbers and + - * / // % ** are allowed, not {type(node).__name__}")


def calculator(expression: str) -> str:
    """Evaluates an arithmetic expression safely (ast, never eval)."""
    if len(expression) > MAX_EXPRESSION_CHARS:
        raise ToolError(f"expression longer than {MAX_EXPRESSION_CHARS} characters")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
        value = _evaluate(tree.body)
    except SyntaxError as error:
        raise ToolError(f"not an arithmetic expression: {expression!r}") from error
    except ZeroDivisionError as error:
        raise ToolError("division by zero") from error
    except OverflowError as error:
        raise ToolError("the result is too large") from error
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"
# #endregion calculator


GLOSSARY: dict[str, str] = {
    "container": "a process packaged with its files and libraries, isolated from its neighbours by the kernel",
    "image": "the read-only template a container starts from, built from a Dockerfile",
    "pod": "the smallest unit Kubernetes schedules: one or more containers sharing a network address",
    "deployment": "a Kubernetes object that keeps a number of identical pods running and rolls out new versions",
    "service": "a stable name and address in front of a changing set of pods",
    "sidecar": "a helper container that runs beside the main one in the same pod, such as Dapr's runtime",
    "readiness probe": "a check that decides whether a pod receives traffic right now",
    "liveness probe": "a check that decides whether a container is stuck and must be restarted",
}


def glossary(term: str) -> str:
    """Looks up a cloud-native term (case and surrounding punctuation are ignored)."""
    key = term.strip().strip("?.!\"'").lower()
    if key.startswith(("a ", "an ", "the ")):
        key = key.split(" ", 1)[1]
    if key.endswith("s") and key[:-1] in GLOSSARY:
        key = key[:-1]
    if key not in GLOSSARY:
        raise ToolError(f"no glossary entry for {term.strip()!r}; known terms: {', '.join(sorted(GLOSSARY))}")
    return f"{key}: {GLOSSARY[key]}"


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    run: Callable[[str], str]


TOOLS: dict[str, Tool] = {
    "calculator": Tool("calculator", "arithmetic on numbers, e.g. 6 * 7", calculator),
    "glossary": Tool("glossary", "the meaning of a cloud-native term, e.g. pod", glossary),
}


# #region traced-tool
_tracer = trace.get_tracer("lumen.tools")


def run_tool(name: str, argument: str) -> str:
    """Runs the named tool in an "execute_tool <name>" span; raises ToolError for unknown tools and bad
    input (the span records the error). The argument is not recorded: it is the user's text."""
    with _tracer.start_as_current_span(f"execute_tool {name}",
                                       attributes={OPERATION_NAME: "execute_tool", TOOL_NAME: name}):
        tool = TOOLS.get(name)
        if tool is None:
            raise ToolError(f"unknown tool {name!r}; available: {', '.join(TOOLS)}")
        return tool.run(argument)
# #endregion traced-tool
