-- AlterTable
ALTER TABLE "TargetRun" ADD COLUMN     "batch" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "rollout" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "TaskStep" ADD COLUMN     "confirm" TEXT;

-- CreateTable
CREATE TABLE "RunGate" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "batch" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "timeoutAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedByType" TEXT,
    "decidedById" TEXT,
    "decidedByLabel" TEXT,
    "comment" TEXT,

    CONSTRAINT "RunGate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunGate_status_timeoutAt_idx" ON "RunGate"("status", "timeoutAt");

-- CreateIndex
CREATE UNIQUE INDEX "RunGate_runId_key_key" ON "RunGate"("runId", "key");

-- AddForeignKey
ALTER TABLE "RunGate" ADD CONSTRAINT "RunGate_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
