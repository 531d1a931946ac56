/**
 * The twelve chapters of Part 7 as planned: number, title and a one-line promise. The landing page lists
 * them all by stage, linking those already written.
 */

export interface PlannedChapter {
  number: number;
  title: string;
  promise: string;
}

export const PART_OUTLINE: readonly PlannedChapter[] = [
  { number: 50, title: 'FastAPI for AI Cloud-Native Services', promise: 'Turn an agent into an async HTTP service with streaming answers, injected dependencies, settings and tests.' },
  { number: 51, title: 'Docker for AI Services', promise: 'Package the service as a small, non-root, multi-stage image that builds fast and ships anywhere.' },
  { number: 52, title: 'Apache Kafka for Event-Driven AI Systems', promise: 'Let agents talk through durable event streams instead of waiting on each other.' },
  { number: 53, title: 'Kubernetes for AI Services', promise: 'Run the agent on a cluster with Deployments, Services, configuration, probes, resources and autoscaling.' },
  { number: 54, title: 'CI/CD and Infrastructure-as-Code for AI Services', promise: 'Replace hand-run commands with pipelines, declared infrastructure and GitOps.' },
  { number: 55, title: 'Dapr for AI Microservices', promise: 'Use a sidecar for service calls, pub/sub and state so the agent code stays about the agent.' },
  { number: 56, title: 'Dapr Actors for Agentic State and Concurrency', promise: 'Give each conversation or agent its own virtual actor with safe, turn-based state.' },
  { number: 57, title: 'Dapr Workflows for Long-Running Orchestration', promise: 'Make multi-step agent work durable, resumable and compensable with workflows and sagas.' },
  { number: 58, title: 'Dapr Agents', promise: 'Combine actors, workflows and models into production agent architectures on Dapr.' },
  { number: 59, title: 'Observability, Cost and Performance Engineering', promise: 'See what agents do through metrics, logs and traces, and know what each request costs.' },
  { number: 60, title: 'API Edge and Gateway for AI Services', promise: 'Put an ingress and a Kong gateway in front of the agents for routing, limits and keys.' },
  { number: 61, title: 'Security, Safety and Governance for Agentic Systems', promise: 'Authenticate, authorise, keep secrets secret, and put guardrails and audit around agents.' },
];
