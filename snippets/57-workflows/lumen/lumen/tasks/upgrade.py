"""Three builds of one small publishing workflow, for the upgrade demo (scripts/versions.py): what happens
to an instance that started under old code and is replayed by new code.

    v1            stage the page, wait for approval, publish
    v2            tell a reviewer first, then the same, the new step guarded by ctx.is_patched
    v2-unguarded  the same new first step without the guard: the mistake

and, under a second workflow name, the same v1 and v2 registered as named versions of one workflow.

The worker picks one build when it starts (LUMEN_PUBLISH_CODE and LUMEN_REVIEW_VERSIONS, read in
runtime.py), the way a deployment replaces one image with another. The orchestrators themselves read
nothing from outside.
"""

from typing import Any

from dapr.ext.workflow import DaprWorkflowContext

from lumen.tasks.workflow import PUBLISH, STAGE

REVIEW_NOTICE = "notify_reviewer"


def publish_v1(ctx: DaprWorkflowContext, request: dict[str, str]) -> Any:
    page = yield ctx.call_activity(STAGE, input={"task": ctx.instance_id, "draft": request["draft"]})
    ctx.set_custom_status("awaiting approval")
    yield ctx.wait_for_external_event("approval")
    yield ctx.call_activity(PUBLISH, input={"task": ctx.instance_id, "page": page})
    return {"page": page, "noticed": False}


# #region patched
def publish_v2(ctx: DaprWorkflowContext, request: dict[str, str]) -> Any:
    noticed = False
    if ctx.is_patched("review-notice"):  # new in v2: true for instances that reach this line under v2
        yield ctx.call_activity(REVIEW_NOTICE, input={"task": ctx.instance_id})
        noticed = True
    page = yield ctx.call_activity(STAGE, input={"task": ctx.instance_id, "draft": request["draft"]})
    ctx.set_custom_status("awaiting approval")
    yield ctx.wait_for_external_event("approval")
    yield ctx.call_activity(PUBLISH, input={"task": ctx.instance_id, "page": page})
    return {"page": page, "noticed": noticed}
# #endregion patched


def publish_v2_unguarded(ctx: DaprWorkflowContext, request: dict[str, str]) -> Any:
    yield ctx.call_activity(REVIEW_NOTICE, input={"task": ctx.instance_id})  # no guard: breaks old runs
    page = yield ctx.call_activity(STAGE, input={"task": ctx.instance_id, "draft": request["draft"]})
    ctx.set_custom_status("awaiting approval")
    yield ctx.wait_for_external_event("approval")
    yield ctx.call_activity(PUBLISH, input={"task": ctx.instance_id, "page": page})
    return {"page": page, "noticed": True}


BUILDS = {"v1": publish_v1, "v2": publish_v2, "v2-unguarded": publish_v2_unguarded}


# #region named
# Named versions (scripts/named_versions.py): one workflow name, "review_flow", with a version per build.
# The engine writes the version an instance started with into its history, and a worker replays each
# instance with that version's function, so v2 can change the steps freely, with no is_patched.
def review_v1(ctx: DaprWorkflowContext, request: dict[str, str]) -> Any:
    return (yield from publish_v1(ctx, request))  # v1's steps: stage, wait, publish


def review_v2(ctx: DaprWorkflowContext, request: dict[str, str]) -> Any:
    return (yield from publish_v2_unguarded(ctx, request))  # the notice first, unconditionally


VERSIONS = {"v1": review_v1, "v2": review_v2}
# #endregion named
