-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "taskId" TEXT,
    "scriptId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "snapshot" TEXT NOT NULL,
    "triggeredByType" TEXT NOT NULL,
    "triggeredById" TEXT,
    "triggeredByLabel" TEXT,
    "ownerId" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetRun" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetName" TEXT NOT NULL,
    "encoding" TEXT NOT NULL DEFAULT 'utf-8',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "exitCode" INTEGER,
    "error" TEXT,
    "stdoutBytes" INTEGER NOT NULL DEFAULT 0,
    "stderrBytes" INTEGER NOT NULL DEFAULT 0,
    "stdoutDropped" INTEGER NOT NULL DEFAULT 0,
    "stderrDropped" INTEGER NOT NULL DEFAULT 0,
    "outputs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TargetRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutputChunk" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "targetRunId" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutputChunk_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateIndex
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Run_tenantId_createdAt_idx" ON "Run"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_status_leaseExpiresAt_idx" ON "Run"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "TargetRun_tenantId_status_idx" ON "TargetRun"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TargetRun_runId_stepIndex_targetId_key" ON "TargetRun"("runId", "stepIndex", "targetId");

-- CreateIndex
CREATE INDEX "OutputChunk_targetRunId_seq_idx" ON "OutputChunk"("targetRunId", "seq");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetRun" ADD CONSTRAINT "TargetRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutputChunk" ADD CONSTRAINT "OutputChunk_targetRunId_fkey" FOREIGN KEY ("targetRunId") REFERENCES "TargetRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
