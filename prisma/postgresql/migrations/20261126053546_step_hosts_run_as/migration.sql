-- AlterTable
ALTER TABLE "TaskStep" ADD COLUMN     "hosts" TEXT NOT NULL DEFAULT 'all',
ADD COLUMN     "runAs" TEXT;

-- CreateTable
CREATE TABLE "ExecAccount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExecAccount_tenantId_name_key" ON "ExecAccount"("tenantId", "name");

-- AddForeignKey
ALTER TABLE "ExecAccount" ADD CONSTRAINT "ExecAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
