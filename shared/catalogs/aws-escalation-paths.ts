// AWS privilege-escalation paths by their pathfinding.cloud catalogue id (Datadog's public catalogue,
// read for the required permissions; the wording here is ours). Escalation edges name the id in
// props.pathId so an analyst can look up the exploitation steps; docs/aws.md shows this list as the
// coverage table. Pure data: imports nothing.

export type PathCategory = 'self-escalation' | 'principal-access' | 'new-passrole' | 'existing-passrole' | 'credential-access';

export interface EscalationPath {
  id: string;
  category: PathCategory;
  /** Permissions the catalogue lists as required (all of them). */
  required: string[];
  /** What it gives: a role the service runs as, another principal, or admin by rewriting permissions. */
  reaches: string;
  /**
   * How Blastmap finds it: "edge" = an escalation edge carrying this id; "as <id>" = found, by the edge of
   * another id whose requirements are a subset; "not" = not detected (why in `note`).
   */
  detected: 'edge' | `as ${string}` | 'not';
  note?: string;
}

const SERVICE_ROLE = (service: string) => `a role trusted by ${service}`;

export const AWS_ESCALATION_PATHS: EscalationPath[] = [
  { id: 'iam-001', category: 'self-escalation', required: ['iam:CreatePolicyVersion'], reaches: 'admin (new default version of an attached policy)', detected: 'edge' },
  { id: 'iam-002', category: 'credential-access', required: ['iam:CreateAccessKey'], reaches: 'another user', detected: 'edge' },
  { id: 'iam-003', category: 'credential-access', required: ['iam:DeleteAccessKey', 'iam:CreateAccessKey'], reaches: 'another user', detected: 'as iam-002', note: 'the export does not list access keys, so the two-key limit is not modelled' },
  { id: 'iam-004', category: 'credential-access', required: ['iam:CreateLoginProfile'], reaches: 'another user', detected: 'edge' },
  { id: 'iam-005', category: 'self-escalation', required: ['iam:PutRolePolicy'], reaches: 'admin (inline policy on itself)', detected: 'edge' },
  { id: 'iam-006', category: 'credential-access', required: ['iam:UpdateLoginProfile'], reaches: 'another user', detected: 'edge' },
  { id: 'iam-007', category: 'self-escalation', required: ['iam:PutUserPolicy'], reaches: 'admin (inline policy on itself)', detected: 'edge' },
  { id: 'iam-008', category: 'self-escalation', required: ['iam:AttachUserPolicy'], reaches: 'admin (managed admin policy on itself)', detected: 'edge' },
  { id: 'iam-009', category: 'self-escalation', required: ['iam:AttachRolePolicy'], reaches: 'admin (managed admin policy on itself)', detected: 'edge' },
  { id: 'iam-010', category: 'self-escalation', required: ['iam:AttachGroupPolicy'], reaches: 'admin (managed admin policy on its group)', detected: 'edge' },
  { id: 'iam-011', category: 'self-escalation', required: ['iam:PutGroupPolicy'], reaches: 'admin (inline policy on its group)', detected: 'edge' },
  { id: 'iam-012', category: 'principal-access', required: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], reaches: 'another role', detected: 'edge', note: 'a same-account trust naming the caller needs no sts:AssumeRole of its own, so the edge only needs the trust rewrite and no Deny' },
  { id: 'iam-013', category: 'self-escalation', required: ['iam:AddUserToGroup'], reaches: 'admin (joins an admin group)', detected: 'edge' },
  { id: 'iam-014', category: 'principal-access', required: ['iam:AttachRolePolicy', 'sts:AssumeRole'], reaches: 'admin (through a role it can assume)', detected: 'edge' },
  { id: 'iam-015', category: 'principal-access', required: ['iam:AttachUserPolicy', 'iam:CreateAccessKey'], reaches: 'admin (through a user it can mint keys for)', detected: 'edge' },
  { id: 'iam-016', category: 'principal-access', required: ['iam:CreatePolicyVersion', 'sts:AssumeRole'], reaches: 'admin (through a role it can assume)', detected: 'edge' },
  { id: 'iam-017', category: 'principal-access', required: ['iam:PutRolePolicy', 'sts:AssumeRole'], reaches: 'admin (through a role it can assume)', detected: 'edge' },
  { id: 'iam-018', category: 'principal-access', required: ['iam:PutUserPolicy', 'iam:CreateAccessKey'], reaches: 'admin (through a user it can mint keys for)', detected: 'edge' },
  { id: 'iam-019', category: 'principal-access', required: ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'], reaches: 'admin (through a role whose trust it rewrites)', detected: 'edge' },
  { id: 'iam-020', category: 'principal-access', required: ['iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy'], reaches: 'admin (through a role whose trust it rewrites)', detected: 'edge' },
  { id: 'iam-021', category: 'principal-access', required: ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], reaches: 'admin (through a role whose trust it rewrites)', detected: 'edge' },
  { id: 'sts-001', category: 'principal-access', required: ['sts:AssumeRole'], reaches: 'a role whose trust lets it in', detected: 'edge' },
  { id: 'ec2-001', category: 'new-passrole', required: ['iam:PassRole', 'ec2:RunInstances'], reaches: SERVICE_ROLE('ec2.amazonaws.com (in an instance profile)'), detected: 'edge' },
  { id: 'ec2-002', category: 'existing-passrole', required: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'], reaches: SERVICE_ROLE('ec2.amazonaws.com (in an instance profile)'), detected: 'edge' },
  { id: 'ec2-003', category: 'existing-passrole', required: ['ec2-instance-connect:SendSSHPublicKey'], reaches: SERVICE_ROLE('ec2.amazonaws.com (in an instance profile)'), detected: 'edge' },
  { id: 'ec2-004', category: 'new-passrole', required: ['iam:PassRole', 'ec2:RequestSpotInstances'], reaches: SERVICE_ROLE('ec2.amazonaws.com (in an instance profile)'), detected: 'edge' },
  { id: 'ec2-005', category: 'existing-passrole', required: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], reaches: SERVICE_ROLE('ec2.amazonaws.com (in an instance profile)'), detected: 'edge' },
  { id: 'ecs-001', category: 'new-passrole', required: ['iam:PassRole', 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge' },
  { id: 'ecs-002', category: 'new-passrole', required: ['iam:PassRole', 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge' },
  { id: 'ecs-003', category: 'new-passrole', required: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge', note: 'potential: needs an existing cluster' },
  { id: 'ecs-004', category: 'new-passrole', required: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge', note: 'potential: needs an existing cluster' },
  { id: 'ecs-005', category: 'new-passrole', required: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:StartTask'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge', note: 'potential: needs an existing container instance' },
  { id: 'ecs-006', category: 'existing-passrole', required: ['ecs:ExecuteCommand', 'ecs:DescribeTasks'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge' },
  { id: 'ecs-007', category: 'new-passrole', required: ['iam:PassRole', 'ecs:RegisterContainerInstance', 'ecs:DeregisterContainerInstance', 'ecs:StartTask'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge' },
  { id: 'ecs-008', category: 'new-passrole', required: ['iam:PassRole', 'ecs:RunTask'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge', note: 'potential: needs an existing task definition' },
  { id: 'ecs-009', category: 'new-passrole', required: ['iam:PassRole', 'ecs:StartTask'], reaches: SERVICE_ROLE('ecs-tasks.amazonaws.com'), detected: 'edge', note: 'potential: needs an existing task definition and container instance' },
  { id: 'lambda-001', category: 'new-passrole', required: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], reaches: SERVICE_ROLE('lambda.amazonaws.com'), detected: 'edge' },
  { id: 'lambda-002', category: 'new-passrole', required: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], reaches: SERVICE_ROLE('lambda.amazonaws.com'), detected: 'edge' },
  { id: 'lambda-003', category: 'existing-passrole', required: ['lambda:UpdateFunctionCode'], reaches: SERVICE_ROLE('lambda.amazonaws.com'), detected: 'edge' },
  { id: 'lambda-004', category: 'existing-passrole', required: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], reaches: SERVICE_ROLE('lambda.amazonaws.com'), detected: 'as lambda-003' },
  { id: 'lambda-005', category: 'existing-passrole', required: ['lambda:UpdateFunctionCode', 'lambda:AddPermission', 'lambda:InvokeFunction'], reaches: SERVICE_ROLE('lambda.amazonaws.com'), detected: 'as lambda-003' },
  { id: 'lambda-006', category: 'new-passrole', required: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission', 'lambda:InvokeFunction'], reaches: SERVICE_ROLE('lambda.amazonaws.com'), detected: 'as lambda-001' },
  { id: 'glue-001', category: 'new-passrole', required: ['iam:PassRole', 'glue:CreateDevEndpoint'], reaches: SERVICE_ROLE('glue.amazonaws.com'), detected: 'edge' },
  { id: 'glue-002', category: 'existing-passrole', required: ['glue:UpdateDevEndpoint'], reaches: SERVICE_ROLE('glue.amazonaws.com'), detected: 'edge' },
  { id: 'glue-003', category: 'new-passrole', required: ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'], reaches: SERVICE_ROLE('glue.amazonaws.com'), detected: 'edge' },
  { id: 'glue-004', category: 'new-passrole', required: ['iam:PassRole', 'glue:CreateJob', 'glue:CreateTrigger'], reaches: SERVICE_ROLE('glue.amazonaws.com'), detected: 'edge' },
  { id: 'glue-005', category: 'new-passrole', required: ['iam:PassRole', 'glue:UpdateJob', 'glue:StartJobRun'], reaches: SERVICE_ROLE('glue.amazonaws.com'), detected: 'edge', note: 'potential: needs an existing job' },
  { id: 'glue-006', category: 'new-passrole', required: ['iam:PassRole', 'glue:UpdateJob', 'glue:CreateTrigger'], reaches: SERVICE_ROLE('glue.amazonaws.com'), detected: 'edge', note: 'potential: needs an existing job' },
  { id: 'glue-007', category: 'new-passrole', required: ['iam:PassRole', 'glue:CreateSession', 'glue:RunStatement'], reaches: SERVICE_ROLE('glue.amazonaws.com'), detected: 'edge' },
  { id: 'codebuild-001', category: 'new-passrole', required: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'], reaches: SERVICE_ROLE('codebuild.amazonaws.com'), detected: 'edge' },
  { id: 'codebuild-002', category: 'existing-passrole', required: ['codebuild:StartBuild'], reaches: SERVICE_ROLE('codebuild.amazonaws.com'), detected: 'edge' },
  { id: 'codebuild-003', category: 'existing-passrole', required: ['codebuild:StartBuildBatch'], reaches: SERVICE_ROLE('codebuild.amazonaws.com'), detected: 'edge' },
  { id: 'codebuild-004', category: 'new-passrole', required: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuildBatch'], reaches: SERVICE_ROLE('codebuild.amazonaws.com'), detected: 'edge' },
  { id: 'cloudformation-001', category: 'new-passrole', required: ['iam:PassRole', 'cloudformation:CreateStack'], reaches: SERVICE_ROLE('cloudformation.amazonaws.com'), detected: 'edge' },
  { id: 'cloudformation-002', category: 'existing-passrole', required: ['cloudformation:UpdateStack'], reaches: SERVICE_ROLE('cloudformation.amazonaws.com'), detected: 'edge' },
  { id: 'cloudformation-003', category: 'new-passrole', required: ['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], reaches: `${SERVICE_ROLE('cloudformation.amazonaws.com')} (the stack-set administration role; its execution roles follow by trust)`, detected: 'edge' },
  { id: 'cloudformation-004', category: 'existing-passrole', required: ['iam:PassRole', 'cloudformation:UpdateStackSet'], reaches: `${SERVICE_ROLE('cloudformation.amazonaws.com')} (the stack-set administration role)`, detected: 'edge' },
  { id: 'cloudformation-005', category: 'existing-passrole', required: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], reaches: SERVICE_ROLE('cloudformation.amazonaws.com'), detected: 'edge', note: 'CreateChangeSet alone is not an escalation' },
  { id: 'sagemaker-001', category: 'new-passrole', required: ['iam:PassRole', 'sagemaker:CreateNotebookInstance'], reaches: SERVICE_ROLE('sagemaker.amazonaws.com'), detected: 'edge' },
  { id: 'sagemaker-002', category: 'new-passrole', required: ['iam:PassRole', 'sagemaker:CreateTrainingJob'], reaches: SERVICE_ROLE('sagemaker.amazonaws.com'), detected: 'edge' },
  { id: 'sagemaker-003', category: 'new-passrole', required: ['iam:PassRole', 'sagemaker:CreateProcessingJob'], reaches: SERVICE_ROLE('sagemaker.amazonaws.com'), detected: 'edge' },
  { id: 'sagemaker-004', category: 'existing-passrole', required: ['sagemaker:CreatePresignedNotebookInstanceUrl'], reaches: SERVICE_ROLE('sagemaker.amazonaws.com'), detected: 'edge' },
  { id: 'sagemaker-005', category: 'existing-passrole', required: ['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'], reaches: SERVICE_ROLE('sagemaker.amazonaws.com'), detected: 'edge' },
  { id: 'datapipeline-001', category: 'new-passrole', required: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'], reaches: SERVICE_ROLE('datapipeline.amazonaws.com'), detected: 'edge' },
  { id: 'ssm-001', category: 'existing-passrole', required: ['ssm:StartSession'], reaches: SERVICE_ROLE('ec2.amazonaws.com (in an instance profile)'), detected: 'edge' },
  { id: 'ssm-002', category: 'existing-passrole', required: ['ssm:SendCommand'], reaches: SERVICE_ROLE('ec2.amazonaws.com (in an instance profile)'), detected: 'edge' },
  { id: 'apprunner-001', category: 'new-passrole', required: ['iam:PassRole', 'apprunner:CreateService', 'iam:CreateServiceLinkedRole'], reaches: SERVICE_ROLE('tasks.apprunner.amazonaws.com'), detected: 'edge' },
  { id: 'apprunner-002', category: 'existing-passrole', required: ['apprunner:UpdateService'], reaches: SERVICE_ROLE('tasks.apprunner.amazonaws.com'), detected: 'edge' },
  { id: 'bedrock-001', category: 'new-passrole', required: ['iam:PassRole', 'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'], reaches: SERVICE_ROLE('bedrock-agentcore.amazonaws.com'), detected: 'edge' },
  { id: 'bedrock-002', category: 'existing-passrole', required: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'], reaches: SERVICE_ROLE('bedrock-agentcore.amazonaws.com'), detected: 'edge' },
];

