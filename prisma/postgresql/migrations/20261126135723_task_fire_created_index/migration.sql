-- CreateIndex
CREATE INDEX "TaskFire_createdAt_idx" ON "TaskFire"("createdAt");
