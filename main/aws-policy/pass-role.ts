// Escalation through services that run code as a role: pass a role to a new EC2 instance, Lambda
// function, Glue endpoint, stack, pipeline, build or SageMaker job — or get code onto an existing one.
// The export has no inventory of functions or instances, so "existing resource" families target every
// role the service is trusted to assume and mark the edge `potential`.
import { allOf, granted, indexByArn, nameable, type Analysis } from './analysis.ts';
import type { Decision } from './evaluate.ts';
import type { Principal } from './model.ts';
import { servicePrefix } from './wildcard.ts';

interface Family {
  technique: string;
  /** The path's id in the pathfinding.cloud catalogue (shared/catalogs/aws-escalation-paths.ts), when it has one. */
  pathId?: string;
  /** Service principals that must be trusted by the target role. */
  services: string[];
  /** Whether the attacker passes the role (new resource) or rides an existing one. */
  passRole: boolean;
  /** All groups must hold; within a group, any one action is enough. */
  actions: string[][];
  potential: boolean;
  /** The role must sit in an instance profile (EC2), or the attacker must be able to make one. */
  instanceProfile?: boolean;
  what: string;
}

const EC2 = 'ec2.amazonaws.com';
const ECS = 'ecs-tasks.amazonaws.com';
const GLUE = 'glue.amazonaws.com';
const CFN = 'cloudformation.amazonaws.com';
const CODEBUILD = 'codebuild.amazonaws.com';
const SAGEMAKER = 'sagemaker.amazonaws.com';
const AGENTCORE = 'bedrock-agentcore.amazonaws.com';
const APPRUNNER = 'tasks.apprunner.amazonaws.com';
// "potential" marks families that need a resource the export cannot show (an existing cluster, job,
// stack, instance…): the edge says so rather than being dropped or asserted.
const FAMILIES: Family[] = [
  {
    technique: 'iam:PassRole + ec2:RunInstances',
    pathId: 'ec2-001',
    services: [EC2],
    passRole: true,
    actions: [['ec2:RunInstances']],
    potential: false,
    instanceProfile: true,
    what: 'launch an EC2 instance with its instance profile',
  },
  {
    technique: 'iam:PassRole + ec2:RequestSpotInstances',
    pathId: 'ec2-004',
    services: [EC2],
    passRole: true,
    actions: [['ec2:RequestSpotInstances']],
    potential: false,
    instanceProfile: true,
    what: 'request a spot EC2 instance with its instance profile and a user-data script',
  },
  {
    technique: 'ec2:ModifyInstanceAttribute + ec2:StopInstances + ec2:StartInstances',
    pathId: 'ec2-002',
    services: [EC2],
    passRole: false,
    actions: [['ec2:ModifyInstanceAttribute'], ['ec2:StopInstances'], ['ec2:StartInstances']],
    potential: true,
    instanceProfile: true,
    what: 'rewrite the user data of an existing EC2 instance that runs as it and restart it',
  },
  {
    technique: 'ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate',
    pathId: 'ec2-005',
    services: [EC2],
    passRole: false,
    actions: [['ec2:CreateLaunchTemplateVersion'], ['ec2:ModifyLaunchTemplate']],
    potential: true,
    instanceProfile: true,
    what: 'publish a new default version of an existing launch template that uses its instance profile, with its own user data',
  },
  {
    technique: 'iam:PassRole + ec2:AssociateIamInstanceProfile',
    services: [EC2],
    passRole: true,
    actions: [['ec2:AssociateIamInstanceProfile', 'ec2:ReplaceIamInstanceProfileAssociation']],
    potential: true,
    instanceProfile: true,
    what: "attach the role's instance profile to an existing EC2 instance it can run code on",
  },
  {
    technique: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    pathId: 'lambda-001',
    services: ['lambda.amazonaws.com'],
    passRole: true,
    actions: [['lambda:CreateFunction'], ['lambda:InvokeFunction', 'lambda:CreateFunctionUrlConfig']],
    potential: false,
    what: 'create a Lambda function running as it and invoke it',
  },
  {
    technique: 'iam:PassRole + lambda:CreateFunction + dynamodb:CreateTable + lambda:CreateEventSourceMapping',
    pathId: 'lambda-002',
    services: ['lambda.amazonaws.com'],
    passRole: true,
    actions: [['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping'], ['dynamodb:CreateTable'], ['dynamodb:PutItem']],
    potential: false,
    what: 'create a Lambda function running as it and trigger it from a new DynamoDB table',
  },
  {
    technique: 'iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping',
    pathId: 'lambda-002',
    services: ['lambda.amazonaws.com'],
    passRole: true,
    actions: [['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping']],
    potential: true,
    what: 'create a Lambda function running as it and trigger it from an existing event source (e.g. a DynamoDB stream)',
  },
  {
    technique: 'lambda:UpdateFunctionCode',
    pathId: 'lambda-003',
    services: ['lambda.amazonaws.com'],
    passRole: false,
    actions: [['lambda:UpdateFunctionCode']],
    potential: true,
    what: 'replace the code of an existing Lambda function that runs as it',
  },
  {
    technique: 'iam:PassRole + glue:CreateDevEndpoint',
    pathId: 'glue-001',
    services: [GLUE],
    passRole: true,
    actions: [['glue:CreateDevEndpoint']],
    potential: false,
    what: 'create a Glue development endpoint running as it',
  },
  {
    technique: 'glue:UpdateDevEndpoint',
    pathId: 'glue-002',
    services: [GLUE],
    passRole: false,
    actions: [['glue:UpdateDevEndpoint']],
    potential: true,
    what: 'add an SSH key to an existing Glue development endpoint that runs as it',
  },
  {
    technique: 'iam:PassRole + glue:CreateJob + glue:StartJobRun',
    pathId: 'glue-003',
    services: [GLUE],
    passRole: true,
    actions: [['glue:CreateJob'], ['glue:StartJobRun']],
    potential: false,
    what: 'create and run a Glue job running as it',
  },
  {
    technique: 'iam:PassRole + glue:CreateJob + glue:CreateTrigger',
    pathId: 'glue-004',
    services: [GLUE],
    passRole: true,
    actions: [['glue:CreateJob'], ['glue:CreateTrigger']],
    potential: false,
    what: 'create a Glue job running as it and a trigger that starts it',
  },
  {
    technique: 'iam:PassRole + glue:UpdateJob + glue:StartJobRun',
    pathId: 'glue-005',
    services: [GLUE],
    passRole: true,
    actions: [['glue:UpdateJob'], ['glue:StartJobRun']],
    potential: true,
    what: 'point an existing Glue job at it with its own script and run it',
  },
  {
    technique: 'iam:PassRole + glue:UpdateJob + glue:CreateTrigger',
    pathId: 'glue-006',
    services: [GLUE],
    passRole: true,
    actions: [['glue:UpdateJob'], ['glue:CreateTrigger']],
    potential: true,
    what: 'point an existing Glue job at it with its own script and trigger it',
  },
  {
    technique: 'iam:PassRole + glue:CreateSession + glue:RunStatement',
    pathId: 'glue-007',
    services: [GLUE],
    passRole: true,
    actions: [['glue:CreateSession'], ['glue:RunStatement']],
    potential: false,
    what: 'open a Glue interactive session running as it and run code in it',
  },
  {
    technique: 'iam:PassRole + cloudformation:CreateStack',
    pathId: 'cloudformation-001',
    services: [CFN],
    passRole: true,
    actions: [['cloudformation:CreateStack']],
    potential: false,
    what: 'create a CloudFormation stack that acts as it',
  },
  // A change set does nothing until executed: CreateChangeSet without ExecuteChangeSet is no escalation.
  {
    technique: 'iam:PassRole + cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet',
    pathId: 'cloudformation-001',
    services: [CFN],
    passRole: true,
    actions: [['cloudformation:CreateChangeSet'], ['cloudformation:ExecuteChangeSet']],
    potential: false,
    what: 'create and execute a change set for a new CloudFormation stack that acts as it',
  },
  {
    technique: 'cloudformation:UpdateStack',
    pathId: 'cloudformation-002',
    services: [CFN],
    passRole: false,
    actions: [['cloudformation:UpdateStack']],
    potential: true,
    what: 'update an existing CloudFormation stack that acts as it',
  },
  {
    technique: 'iam:PassRole + cloudformation:CreateStackSet + cloudformation:CreateStackInstances',
    pathId: 'cloudformation-003',
    services: [CFN],
    passRole: true,
    actions: [['cloudformation:CreateStackSet'], ['cloudformation:CreateStackInstances']],
    potential: false,
    what: 'create a CloudFormation stack set administered by it and deploy instances (its execution roles then act)',
  },
  {
    technique: 'iam:PassRole + cloudformation:UpdateStackSet',
    pathId: 'cloudformation-004',
    services: [CFN],
    passRole: true,
    actions: [['cloudformation:UpdateStackSet']],
    potential: true,
    what: 'update an existing CloudFormation stack set to be administered by it',
  },
  {
    technique: 'cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet',
    pathId: 'cloudformation-005',
    services: [CFN],
    passRole: false,
    actions: [['cloudformation:CreateChangeSet'], ['cloudformation:ExecuteChangeSet']],
    potential: true,
    what: 'create and execute a change set on an existing CloudFormation stack that acts as it',
  },
  {
    technique: 'iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition',
    pathId: 'datapipeline-001',
    services: ['datapipeline.amazonaws.com', EC2],
    passRole: true,
    actions: [['datapipeline:CreatePipeline'], ['datapipeline:PutPipelineDefinition'], ['datapipeline:ActivatePipeline']],
    potential: false,
    what: 'create and activate a Data Pipeline that runs commands as it',
  },
  {
    technique: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuild',
    pathId: 'codebuild-001',
    services: [CODEBUILD],
    passRole: true,
    actions: [['codebuild:CreateProject'], ['codebuild:StartBuild']],
    potential: false,
    what: 'create and start a CodeBuild project running as it',
  },
  {
    technique: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuildBatch',
    pathId: 'codebuild-004',
    services: [CODEBUILD],
    passRole: true,
    actions: [['codebuild:CreateProject'], ['codebuild:StartBuildBatch']],
    potential: false,
    what: 'create a CodeBuild project running as it and start a batch build',
  },
  {
    technique: 'codebuild:StartBuild',
    pathId: 'codebuild-002',
    services: [CODEBUILD],
    passRole: false,
    actions: [['codebuild:StartBuild']],
    potential: true,
    what: 'start a build of an existing CodeBuild project that runs as it, overriding its buildspec',
  },
  {
    technique: 'codebuild:StartBuildBatch',
    pathId: 'codebuild-003',
    services: [CODEBUILD],
    passRole: false,
    actions: [['codebuild:StartBuildBatch']],
    potential: true,
    what: 'start a batch build of an existing CodeBuild project that runs as it, overriding its buildspec',
  },
  {
    technique: 'codebuild:UpdateProject + codebuild:StartBuild',
    services: [CODEBUILD],
    passRole: false,
    actions: [['codebuild:UpdateProject'], ['codebuild:StartBuild', 'codebuild:StartBuildBatch']],
    potential: true,
    what: 'change the build commands of an existing CodeBuild project running as it',
  },
  {
    technique: 'iam:PassRole + sagemaker:CreateNotebookInstance',
    pathId: 'sagemaker-001',
    services: [SAGEMAKER],
    passRole: true,
    actions: [['sagemaker:CreateNotebookInstance']],
    potential: false,
    what: 'create a SageMaker notebook running as it (a lifecycle script runs without opening it)',
  },
  {
    technique: 'iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl',
    pathId: 'sagemaker-001',
    services: [SAGEMAKER],
    passRole: true,
    actions: [['sagemaker:CreateNotebookInstance'], ['sagemaker:CreatePresignedNotebookInstanceUrl']],
    potential: false,
    what: 'create a SageMaker notebook running as it and open it',
  },
  {
    technique: 'iam:PassRole + sagemaker:CreateTrainingJob',
    pathId: 'sagemaker-002',
    services: [SAGEMAKER],
    passRole: true,
    actions: [['sagemaker:CreateTrainingJob']],
    potential: false,
    what: 'run a SageMaker training job as it',
  },
  {
    technique: 'iam:PassRole + sagemaker:CreateProcessingJob',
    pathId: 'sagemaker-003',
    services: [SAGEMAKER],
    passRole: true,
    actions: [['sagemaker:CreateProcessingJob']],
    potential: false,
    what: 'run a SageMaker processing job as it',
  },
  {
    technique: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    pathId: 'sagemaker-004',
    services: [SAGEMAKER],
    passRole: false,
    actions: [['sagemaker:CreatePresignedNotebookInstanceUrl']],
    potential: true,
    what: 'open an existing SageMaker notebook that runs as it',
  },
  {
    technique: 'sagemaker:CreateNotebookInstanceLifecycleConfig + sagemaker:UpdateNotebookInstance',
    pathId: 'sagemaker-005',
    services: [SAGEMAKER],
    passRole: false,
    actions: [
      ['sagemaker:CreateNotebookInstanceLifecycleConfig'],
      ['sagemaker:StopNotebookInstance'],
      ['sagemaker:UpdateNotebookInstance'],
      ['sagemaker:StartNotebookInstance'],
    ],
    potential: true,
    what: 'give an existing SageMaker notebook that runs as it a new lifecycle script and restart it',
  },
  {
    technique: 'iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:CreateService',
    pathId: 'ecs-001',
    services: [ECS],
    passRole: true,
    actions: [['ecs:CreateCluster'], ['ecs:RegisterTaskDefinition'], ['ecs:CreateService']],
    potential: false,
    what: 'create an ECS cluster, a task definition with it as task role, and a service that runs it',
  },
  {
    technique: 'iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:RunTask',
    pathId: 'ecs-002',
    services: [ECS],
    passRole: true,
    actions: [['ecs:CreateCluster'], ['ecs:RegisterTaskDefinition'], ['ecs:RunTask']],
    potential: false,
    what: 'create an ECS cluster and a task definition with it as task role, and run the task',
  },
  {
    technique: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService',
    pathId: 'ecs-003',
    services: [ECS],
    passRole: true,
    actions: [['ecs:RegisterTaskDefinition'], ['ecs:CreateService']],
    potential: true,
    what: 'register a task definition with it as task role and create a service for it on an existing cluster',
  },
  {
    technique: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask',
    pathId: 'ecs-004',
    services: [ECS],
    passRole: true,
    actions: [['ecs:RegisterTaskDefinition'], ['ecs:RunTask']],
    potential: true,
    what: 'register a task definition with it as task role and run it on an existing cluster',
  },
  {
    technique: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:StartTask',
    pathId: 'ecs-005',
    services: [ECS],
    passRole: true,
    actions: [['ecs:RegisterTaskDefinition'], ['ecs:StartTask']],
    potential: true,
    what: 'register a task definition with it as task role and start it on an existing container instance',
  },
  {
    technique: 'ecs:ExecuteCommand + ecs:DescribeTasks',
    pathId: 'ecs-006',
    services: [ECS],
    passRole: false,
    actions: [['ecs:ExecuteCommand'], ['ecs:DescribeTasks']],
    potential: true,
    what: 'open a shell in a running ECS task that runs as it',
  },
  {
    technique: 'iam:PassRole + ecs:RegisterContainerInstance + ecs:StartTask',
    pathId: 'ecs-007',
    services: [ECS],
    passRole: true,
    actions: [['ecs:RegisterContainerInstance'], ['ecs:DeregisterContainerInstance'], ['ecs:StartTask']],
    potential: true,
    what: 'register an instance it controls with an ECS cluster and start a task there with it as task role',
  },
  {
    technique: 'iam:PassRole + ecs:RunTask',
    pathId: 'ecs-008',
    services: [ECS],
    passRole: true,
    actions: [['ecs:RunTask']],
    potential: true,
    what: 'run an existing ECS task definition with its task role and command overridden',
  },
  {
    technique: 'iam:PassRole + ecs:StartTask',
    pathId: 'ecs-009',
    services: [ECS],
    passRole: true,
    actions: [['ecs:StartTask']],
    potential: true,
    what: 'start an existing ECS task definition on an existing container instance with its task role and command overridden',
  },
  {
    technique: 'iam:PassRole + apprunner:CreateService',
    pathId: 'apprunner-001',
    services: [APPRUNNER],
    passRole: true,
    actions: [['apprunner:CreateService'], ['iam:CreateServiceLinkedRole']],
    potential: false,
    what: 'create an App Runner service with it as instance role and a start command of its choosing',
  },
  {
    technique: 'apprunner:UpdateService',
    pathId: 'apprunner-002',
    services: [APPRUNNER],
    passRole: false,
    actions: [['apprunner:UpdateService']],
    potential: true,
    what: 'change the start command of an existing App Runner service that runs as it',
  },
  {
    technique: 'iam:PassRole + bedrock-agentcore:CreateCodeInterpreter + bedrock-agentcore:InvokeCodeInterpreter',
    pathId: 'bedrock-001',
    services: [AGENTCORE],
    passRole: true,
    actions: [
      ['bedrock-agentcore:CreateCodeInterpreter'],
      ['bedrock-agentcore:StartCodeInterpreterSession'],
      ['bedrock-agentcore:InvokeCodeInterpreter'],
    ],
    potential: false,
    what: 'create a Bedrock AgentCore code interpreter with it as execution role and run code in a session',
  },
  {
    technique: 'bedrock-agentcore:StartCodeInterpreterSession + bedrock-agentcore:InvokeCodeInterpreter',
    pathId: 'bedrock-002',
    services: [AGENTCORE],
    passRole: false,
    actions: [['bedrock-agentcore:StartCodeInterpreterSession'], ['bedrock-agentcore:InvokeCodeInterpreter']],
    potential: true,
    what: 'run code in an existing Bedrock AgentCore code interpreter that runs as it',
  },
  {
    technique: 'ssm:SendCommand',
    pathId: 'ssm-002',
    services: [EC2],
    passRole: false,
    actions: [['ssm:SendCommand']],
    potential: true,
    instanceProfile: true,
    what: 'run commands on an EC2 instance that runs as it',
  },
  {
    technique: 'ssm:StartSession',
    pathId: 'ssm-001',
    services: [EC2],
    passRole: false,
    actions: [['ssm:StartSession']],
    potential: true,
    instanceProfile: true,
    what: 'open a shell on an EC2 instance that runs as it',
  },
  {
    technique: 'ec2-instance-connect:SendSSHPublicKey',
    pathId: 'ec2-003',
    services: [EC2],
    passRole: false,
    actions: [['ec2-instance-connect:SendSSHPublicKey']],
    potential: true,
    instanceProfile: true,
    what: 'push an SSH key to an EC2 instance that runs as it',
  },
];

const ALL_SERVICES = [...new Set(FAMILIES.flatMap((f) => f.services))];

/** Where an action's resource lives, for a probe that names no real resource. */
function probeResource(action: string, account: string): string {
  const [service, name] = action.split(':');
  const r = `us-east-1:${account}`;
  if (service === 'ssm' || service === 'ec2-instance-connect' || service === 'ec2') return `arn:aws:ec2:${r}:instance/blastmap-probe`;
  if (service === 'lambda') return `arn:aws:lambda:${r}:function:blastmap-probe`;
  if (service === 'dynamodb') return `arn:aws:dynamodb:${r}:table/blastmap-probe`;
  if (service === 'glue') {
    const type = name.includes('Job')
      ? 'job'
      : name.includes('Trigger')
        ? 'trigger'
        : name.includes('Session') || name.includes('Statement')
          ? 'session'
          : 'devEndpoint';
    return `arn:aws:glue:${r}:${type}/blastmap-probe`;
  }
  if (service === 'cloudformation') {
    return name.includes('StackSet') || name.includes('StackInstances')
      ? `arn:aws:cloudformation:${r}:stackset/blastmap-probe:probe`
      : `arn:aws:cloudformation:${r}:stack/blastmap-probe/probe`;
  }
  if (service === 'iam') return `arn:aws:iam::${account}:role/aws-service-role/blastmap-probe`;
  if (service === 'ecs') return `arn:aws:ecs:${r}:${name.includes('TaskDefinition') ? 'task-definition/blastmap-probe:1' : 'cluster/blastmap-probe'}`;
  if (service === 'codebuild') return `arn:aws:codebuild:${r}:project/blastmap-probe`;
  if (service === 'datapipeline') return `arn:aws:datapipeline:${r}:pipeline/blastmap-probe`;
  if (service === 'sagemaker') {
    const type = name.includes('Training') ? 'training-job' : name.includes('Processing') ? 'processing-job' : 'notebook-instance';
    return `arn:aws:sagemaker:${r}:${type}/blastmap-probe`;
  }
  return '*';
}

/** Admin-equivalent principals are skipped: their edge to the admin node already covers this. */
export function derivePassRoleEdges(an: Analysis, admins: Set<Principal>): void {
  const familyTargets = new Map(FAMILIES.map((f) => [f, [...new Set(f.services.flatMap((s) => an.rolesTrustedBy(s)))]]));
  const serviceRoles = [...new Set(ALL_SERVICES.flatMap((s) => an.rolesTrustedBy(s)))];
  const serviceRolesByArn = indexByArn(serviceRoles);
  const probes = new Map<string, string>();
  const probe = (action: string) => {
    let r = probes.get(action);
    if (r === undefined) probes.set(action, (r = probeResource(action, an.account.id)));
    return r;
  };
  for (const attacker of an.principals) {
    if (admins.has(attacker)) continue;
    const ev = an.evaluator(attacker);
    const canPass = ev.mentions('iam:PassRole');
    // Roles this attacker's PassRole statements can name at all, worked out once for every family.
    let passable: Set<Principal> | null = null;
    for (const family of FAMILIES) {
      if (family.passRole && !canPass) continue;
      // Cheapest first: mayAllowService() is asked once per service; mentions() computes (and caches) the statements per action
      // and principal; mayAllow() drops Allows whose resources cannot name the service's resources (a NotAction
      // statement on one bucket "mentions" every action but grants none of these).
      if (!family.actions.every((group) => group.some((a) => ev.mayAllowService(servicePrefix(a))))) continue;
      if (!family.actions.every((group) => group.some((a) => ev.mentions(a) && ev.mayAllow(a, probe(a))))) continue;
      const serviceDecisions = family.actions.map((group) => best(group.map((a) => ev.decide(a, probe(a)))));
      if (!allOf(serviceDecisions)) continue;
      if (family.passRole && !passable) passable = new Set(nameable(ev, 'iam:PassRole', serviceRolesByArn));
      for (const role of familyTargets.get(family)!) {
        if (role === attacker || (family.passRole && !passable!.has(role))) continue;
        tryFamily(an, attacker, role, family, serviceDecisions);
      }
    }
  }
}

function tryFamily(an: Analysis, attacker: Principal, role: Principal, family: Family, serviceDecisions: Decision[]): void {
  const ev = an.evaluator(attacker);
  const decisions = [...serviceDecisions];
  let profileNote = '';
  if (family.instanceProfile && !role.instanceProfiles.length) {
    // Riding an existing instance needs a profile; a new instance can get one the attacker creates.
    if (!family.passRole) return;
    const make = ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'].map((a) =>
      ev.decide(a, `arn:aws:iam::${an.account.id}:instance-profile/blastmap-probe`),
    );
    if (!make.every((d) => d.effect === 'allow' || d.effect === 'conditional')) return;
    decisions.push(...make);
    profileNote = ' (after creating an instance profile for it)';
  }
  let passedTo: string | undefined;
  if (family.passRole) {
    const pass = best(
      family.services.map((service) => {
        const d = ev.decide('iam:PassRole', role.arn, { keys: { 'iam:PassedToService': [service] }, resourceTags: role.tags });
        if (granted(d) && !passedTo) passedTo = service;
        return d;
      }),
    );
    decisions.push(pass);
  }
  const all = allOf(decisions);
  if (!all) return;
  // A trust that lets the service in only under conditions (aws:SourceArn…) keeps the edge, conditional.
  const serviceTrust = (role.trust?.statements ?? []).filter(
    (s) => s.effect === 'Allow' && s.principals?.service.some((svc) => family.services.includes(svc)),
  );
  const trustConditions = serviceTrust.every((s) => s.conditions.length)
    ? serviceTrust.map((s) => `the trust policy of ${role.name} (${s.sid}) lets the service in only when ${s.conditionText}`)
    : [];
  if (trustConditions.length) all.conditions.push(...trustConditions);
  const conditional = all.conditional || trustConditions.length > 0;
  const potential = family.potential;
  an.addEdge({
    src: attacker.arn,
    dst: role.arn,
    kind: 'can_assume',
    privilege: 0,
    conditional,
    locator: all.grants[0] ?? attacker.locator,
    props: {
      reason: `${attacker.name} can ${family.what}${profileNote} and so act as ${role.name}${potential ? ' (if such a resource exists: the export lists none)' : ''}: ${all.grants.slice(0, 4).join(', ')} allow${all.grants.length === 1 ? 's' : ''} ${family.technique}${passedTo ? ` (role passed to ${passedTo})` : ''}`,
      technique: family.technique,
      escalation: true,
      ...(family.pathId ? { pathId: family.pathId, pathIds: [family.pathId] } : {}),
      ...(potential ? { potential: true } : {}),
      ...(conditional ? { conditions: all.conditions } : {}),
    },
  });
}

/** The most permissive of alternative decisions (any one action of a group is enough). */
function best(ds: Decision[]): Decision {
  const order = { allow: 0, conditional: 1, 'implicit-deny': 2, 'explicit-deny': 3 } as const;
  return ds.reduce((a, b) => (order[b.effect] < order[a.effect] ? b : a));
}

/** (technique, catalogue path id) of every service family, for the coverage table and its test. */
export const PASS_ROLE_PATHS = FAMILIES.map((f) => ({
  technique: f.technique,
  pathId: f.pathId ?? null,
  actions: f.actions,
  services: f.services,
  passRole: f.passRole,
  potential: f.potential,
  instanceProfile: !!f.instanceProfile,
}));
