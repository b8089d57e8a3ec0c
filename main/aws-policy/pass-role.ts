// Escalation through services that run code as a role: pass a role to a new EC2 instance, Lambda
// function, Glue endpoint, stack, pipeline, build or SageMaker job — or get code onto an existing one.
// The export has no inventory of functions or instances, so "existing resource" families target every
// role the service is trusted to assume and mark the edge `potential`.
import { allOf, granted, indexByArn, nameable, type Analysis } from './analysis.ts';
import type { Decision } from './evaluate.ts';
import type { Principal } from './model.ts';

interface Family {
  technique: string;
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
const FAMILIES: Family[] = [
  { technique: 'iam:PassRole + ec2:RunInstances', services: [EC2], passRole: true, actions: [['ec2:RunInstances']], potential: false, instanceProfile: true, what: 'launch an EC2 instance with its instance profile' },
  { technique: 'iam:PassRole + ec2:AssociateIamInstanceProfile', services: [EC2], passRole: true, actions: [['ec2:AssociateIamInstanceProfile', 'ec2:ReplaceIamInstanceProfileAssociation']], potential: true, instanceProfile: true, what: "attach the role's instance profile to an existing EC2 instance it can run code on" },
  { technique: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction', services: ['lambda.amazonaws.com'], passRole: true, actions: [['lambda:CreateFunction'], ['lambda:InvokeFunction', 'lambda:CreateFunctionUrlConfig']], potential: false, what: 'create a Lambda function running as it and invoke it' },
  { technique: 'iam:PassRole + lambda:CreateFunction + dynamodb:CreateTable + lambda:CreateEventSourceMapping', services: ['lambda.amazonaws.com'], passRole: true, actions: [['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping'], ['dynamodb:CreateTable'], ['dynamodb:PutItem']], potential: false, what: 'create a Lambda function running as it and trigger it from a new DynamoDB table' },
  { technique: 'iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping', services: ['lambda.amazonaws.com'], passRole: true, actions: [['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping']], potential: true, what: 'create a Lambda function running as it and trigger it from an existing event source (e.g. a DynamoDB stream)' },
  { technique: 'lambda:UpdateFunctionCode', services: ['lambda.amazonaws.com'], passRole: false, actions: [['lambda:UpdateFunctionCode']], potential: true, what: 'replace the code of an existing Lambda function that runs as it' },
  { technique: 'iam:PassRole + glue:CreateDevEndpoint', services: ['glue.amazonaws.com'], passRole: true, actions: [['glue:CreateDevEndpoint']], potential: false, what: 'create a Glue development endpoint running as it' },
  { technique: 'glue:UpdateDevEndpoint', services: ['glue.amazonaws.com'], passRole: false, actions: [['glue:UpdateDevEndpoint']], potential: true, what: 'add an SSH key to an existing Glue development endpoint that runs as it' },
  { technique: 'iam:PassRole + cloudformation:CreateStack', services: ['cloudformation.amazonaws.com'], passRole: true, actions: [['cloudformation:CreateStack', 'cloudformation:CreateChangeSet']], potential: false, what: 'create a CloudFormation stack that acts as it' },
  { technique: 'cloudformation:UpdateStack', services: ['cloudformation.amazonaws.com'], passRole: false, actions: [['cloudformation:UpdateStack', 'cloudformation:CreateChangeSet']], potential: true, what: 'update an existing CloudFormation stack that acts as it' },
  { technique: 'iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition', services: ['datapipeline.amazonaws.com', EC2], passRole: true, actions: [['datapipeline:CreatePipeline'], ['datapipeline:PutPipelineDefinition'], ['datapipeline:ActivatePipeline']], potential: false, what: 'create and activate a Data Pipeline that runs commands as it' },
  { technique: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuild', services: ['codebuild.amazonaws.com'], passRole: true, actions: [['codebuild:CreateProject'], ['codebuild:StartBuild', 'codebuild:StartBuildBatch']], potential: false, what: 'create and start a CodeBuild project running as it' },
  { technique: 'codebuild:UpdateProject + codebuild:StartBuild', services: ['codebuild.amazonaws.com'], passRole: false, actions: [['codebuild:UpdateProject'], ['codebuild:StartBuild', 'codebuild:StartBuildBatch']], potential: true, what: 'change the build commands of an existing CodeBuild project running as it' },
  { technique: 'iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl', services: ['sagemaker.amazonaws.com'], passRole: true, actions: [['sagemaker:CreateNotebookInstance'], ['sagemaker:CreatePresignedNotebookInstanceUrl']], potential: false, what: 'create a SageMaker notebook running as it and open it' },
  { technique: 'iam:PassRole + sagemaker:CreateTrainingJob', services: ['sagemaker.amazonaws.com'], passRole: true, actions: [['sagemaker:CreateTrainingJob']], potential: false, what: 'run a SageMaker training job as it' },
  { technique: 'iam:PassRole + sagemaker:CreateProcessingJob', services: ['sagemaker.amazonaws.com'], passRole: true, actions: [['sagemaker:CreateProcessingJob']], potential: false, what: 'run a SageMaker processing job as it' },
  { technique: 'sagemaker:CreatePresignedNotebookInstanceUrl', services: ['sagemaker.amazonaws.com'], passRole: false, actions: [['sagemaker:CreatePresignedNotebookInstanceUrl']], potential: true, what: 'open an existing SageMaker notebook that runs as it' },
  { technique: 'ssm:SendCommand', services: [EC2], passRole: false, actions: [['ssm:SendCommand']], potential: true, instanceProfile: true, what: 'run commands on an EC2 instance that runs as it' },
  { technique: 'ssm:StartSession', services: [EC2], passRole: false, actions: [['ssm:StartSession']], potential: true, instanceProfile: true, what: 'open a shell on an EC2 instance that runs as it' },
  { technique: 'ec2-instance-connect:SendSSHPublicKey', services: [EC2], passRole: false, actions: [['ec2-instance-connect:SendSSHPublicKey']], potential: true, instanceProfile: true, what: 'push an SSH key to an EC2 instance that runs as it' },
];

const ALL_SERVICES = [...new Set(FAMILIES.flatMap((f) => f.services))];

/** Where an action's resource lives, for a probe that names no real resource. */
function probeResource(action: string, account: string): string {
  const [service, name] = action.split(':');
  const r = `us-east-1:${account}`;
  if (service === 'ssm' || service === 'ec2-instance-connect' || service === 'ec2') return `arn:aws:ec2:${r}:instance/blastmap-probe`;
  if (service === 'lambda') return `arn:aws:lambda:${r}:function:blastmap-probe`;
  if (service === 'dynamodb') return `arn:aws:dynamodb:${r}:table/blastmap-probe`;
  if (service === 'glue') return `arn:aws:glue:${r}:devEndpoint/blastmap-probe`;
  if (service === 'cloudformation') return `arn:aws:cloudformation:${r}:stack/blastmap-probe/probe`;
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
  for (const attacker of an.principals) {
    if (admins.has(attacker)) continue;
    const ev = an.evaluator(attacker);
    const canPass = ev.mentions('iam:PassRole');
    // Roles this attacker's PassRole statements can name at all, worked out once for every family.
    let passable: Set<Principal> | null = null;
    for (const family of FAMILIES) {
      if (family.passRole && !canPass) continue;
      if (!family.actions.every((group) => group.some((a) => ev.mentions(a)))) continue;
      const serviceDecisions = family.actions.map((group) => best(group.map((a) => ev.decide(a, probeResource(a, an.account.id)))));
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
    const make = ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'].map((a) => ev.decide(a, `arn:aws:iam::${an.account.id}:instance-profile/blastmap-probe`));
    if (!make.every((d) => d.effect === 'allow' || d.effect === 'conditional')) return;
    decisions.push(...make);
    profileNote = ' (after creating an instance profile for it)';
  }
  let passedTo: string | undefined;
  if (family.passRole) {
    const pass = best(family.services.map((service) => {
      const d = ev.decide('iam:PassRole', role.arn, { keys: { 'iam:PassedToService': [service] }, resourceTags: role.tags });
      if (granted(d) && !passedTo) passedTo = service;
      return d;
    }));
    decisions.push(pass);
  }
  const all = allOf(decisions);
  if (!all) return;
  // A trust that lets the service in only under conditions (aws:SourceArn…) keeps the edge, conditional.
  const serviceTrust = (role.trust?.statements ?? []).filter((s) => s.effect === 'Allow' && s.principals?.service.some((svc) => family.services.includes(svc)));
  const trustConditions = serviceTrust.every((s) => s.conditions.length)
    ? serviceTrust.map((s) => `the trust policy of ${role.name} (${s.sid}) lets the service in only when ${s.conditionText}`) : [];
  if (trustConditions.length) all.conditions.push(...trustConditions);
  const conditional = all.conditional || trustConditions.length > 0;
  const potential = family.potential;
  an.addEdge({
    src: attacker.arn, dst: role.arn, kind: 'can_assume', privilege: 0, conditional, locator: all.grants[0] ?? attacker.locator,
    props: {
      reason: `${attacker.name} can ${family.what}${profileNote} and so act as ${role.name}${potential ? ' (if such a resource exists: the export lists none)' : ''}: ${all.grants.slice(0, 4).join(', ')} allow${all.grants.length === 1 ? 's' : ''} ${family.technique}${passedTo ? ` (role passed to ${passedTo})` : ''}`,
      technique: family.technique, escalation: true,
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

export const PASS_ROLE_TECHNIQUES = FAMILIES.map((f) => f.technique);
