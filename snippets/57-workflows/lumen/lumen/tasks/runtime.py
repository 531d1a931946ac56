"""Registers the task workflows and activities with a Dapr WorkflowRuntime. Nothing connects until
start(): the runtime then opens a gRPC stream to the sidecar (DAPR_GRPC_PORT) and receives work items."""

from dapr.ext.workflow import WorkflowRuntime

from lumen.tasks import activities, workflow


# #region register
def build_runtime() -> WorkflowRuntime:
    runtime = WorkflowRuntime()
    runtime.register_workflow(workflow.lumen_task, name="lumen_task")
    runtime.register_workflow(workflow.research, name="research")
    runtime.register_workflow(workflow.daily_digest, name="daily_digest")
    for name in (workflow.FETCH, workflow.DRAFT, workflow.STAGE, workflow.PUBLISH,
                 workflow.UNSTAGE, workflow.NOTIFY, workflow.DIGEST):
        runtime.register_activity(getattr(activities, name), name=name)
    return runtime
# #endregion register
