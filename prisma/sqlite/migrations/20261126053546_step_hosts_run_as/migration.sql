-- CreateTable
CREATE TABLE "ExecAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExecAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (appended columns: no table rebuild)
ALTER TABLE "TaskStep" ADD COLUMN "hosts" TEXT NOT NULL DEFAULT 'all';
ALTER TABLE "TaskStep" ADD COLUMN "runAs" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ExecAccount_tenantId_name_key" ON "ExecAccount"("tenantId", "name");
