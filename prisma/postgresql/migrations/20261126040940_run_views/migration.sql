-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "rerunOfId" TEXT,
ADD COLUMN     "title" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "TargetRun" ADD COLUMN     "outputHash" TEXT;

-- CreateTable
CREATE TABLE "RunScript" (
    "runId" TEXT NOT NULL,
    "scriptId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,

    CONSTRAINT "RunScript_pkey" PRIMARY KEY ("runId","scriptId")
);

-- CreateIndex
CREATE INDEX "RunScript_scriptId_runId_idx" ON "RunScript"("scriptId", "runId");

-- AddForeignKey
ALTER TABLE "RunScript" ADD CONSTRAINT "RunScript_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: ad-hoc runs name their script
INSERT INTO "RunScript" ("runId", "scriptId", "tenantId") SELECT "id", "scriptId", "tenantId" FROM "Run" WHERE "scriptId" IS NOT NULL;
