-- AlterTable
ALTER TABLE "TargetRun" ADD COLUMN "outputHash" TEXT;

-- CreateTable
CREATE TABLE "RunScript" (
    "runId" TEXT NOT NULL,
    "scriptId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,

    PRIMARY KEY ("runId", "scriptId"),
    CONSTRAINT "RunScript_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (appended columns: no table rebuild)
ALTER TABLE "Run" ADD COLUMN "title" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Run" ADD COLUMN "rerunOfId" TEXT;

-- CreateIndex
CREATE INDEX "RunScript_scriptId_runId_idx" ON "RunScript"("scriptId", "runId");

-- Backfill: ad-hoc runs name their script
INSERT INTO "RunScript" ("runId", "scriptId", "tenantId") SELECT "id", "scriptId", "tenantId" FROM "Run" WHERE "scriptId" IS NOT NULL;
