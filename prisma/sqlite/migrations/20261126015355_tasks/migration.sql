-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "cron" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "runAt" DATETIME,
    "labels" TEXT NOT NULL DEFAULT '[]',
    "parallelism" INTEGER NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "maxFailedCount" INTEGER,
    "maxFailedPercent" REAL,
    "overlap" TEXT NOT NULL DEFAULT 'skip',
    "misfire" TEXT NOT NULL DEFAULT 'run_once',
    "notify" TEXT NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "nextRunAt" DATETIME,
    "lastFireAt" DATETIME,
    "lastRunId" TEXT,
    "lastStatus" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Task_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Task_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "scriptId" TEXT,
    "scriptVersion" INTEGER,
    "parameters" TEXT NOT NULL DEFAULT '{}',
    "files" TEXT NOT NULL DEFAULT '[]',
    "remoteDir" TEXT,
    "mode" TEXT,
    "continueOnFailure" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "TaskStep_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskStep_scriptId_fkey" FOREIGN KEY ("scriptId") REFERENCES "Script" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskTarget" (
    "taskId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,

    PRIMARY KEY ("taskId", "targetId"),
    CONSTRAINT "TaskTarget_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskTarget_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskFire" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "scheduledFor" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "runId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskFire_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Task_tenantId_createdAt_idx" ON "Task"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Task_enabled_type_idx" ON "Task"("enabled", "type");

-- CreateIndex
CREATE UNIQUE INDEX "Task_tenantId_name_key" ON "Task"("tenantId", "name");

-- CreateIndex
CREATE INDEX "TaskStep_scriptId_idx" ON "TaskStep"("scriptId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskStep_taskId_position_key" ON "TaskStep"("taskId", "position");

-- CreateIndex
CREATE INDEX "TaskTarget_targetId_idx" ON "TaskTarget"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskFire_taskId_scheduledFor_key" ON "TaskFire"("taskId", "scheduledFor");

-- CreateIndex
CREATE INDEX "Run_taskId_createdAt_idx" ON "Run"("taskId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_scriptId_createdAt_idx" ON "Run"("scriptId", "createdAt");
