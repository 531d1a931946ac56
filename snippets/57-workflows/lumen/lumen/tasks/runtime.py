"""Registers the task workflows and activities with a Dapr WorkflowRuntime. Nothing connects until
start(): the runtime then opens a gRPC stream to the sidecar (DAPR_GRPC_PORT) and receives work items."""

import os

from dapr.ext.workflow import WorkflowRuntime

from lumen.tasks import activities, upgrade, workflow


# #region register
def build_runtime() -> WorkflowRuntime:
    runtime = WorkflowRuntime()
    runtime.register_workflow(workflow.lumen_task, name="lumen_task")
    runtime.register_workflow(workflow.research, name="research")
    runtime.register_workflow(workflow.daily_digest, name="daily_digest")
    for name in (workflow.FETCH, workflow.DRAFT, workflow.STAGE, workflow.PUBLISH,
                 workflow.UNSTAGE, workflow.NOTIFY, workflow.DIGEST, upgrade.REVIEW_NOTICE):
        runtime.register_activity(getattr(activities, name), name=name)
    # the upgrade demo's workflow: which build this worker runs is a deployment choice, made at start
    build = upgrade.BUILDS[os.environ.get("LUMEN_PUBLISH_CODE", "v2")]
    runtime.register_workflow(build, name="publish_flow")
    register_review_versions(runtime, os.environ.get("LUMEN_REVIEW_VERSIONS", "v1,v2").split(","))
    return runtime
# #endregion register


# #region versions
def register_review_versions(runtime: WorkflowRuntime, names: list[str]) -> None:
    """Registers each named version of review_flow; the last one named is the latest, the one a new
    instance gets. An instance already running keeps the version its history names."""
    for name in names:
        runtime.register_versioned_workflow(upgrade.VERSIONS[name], name="review_flow",
                                            version_name=name, is_latest=name == names[-1])
# #endregion versions
