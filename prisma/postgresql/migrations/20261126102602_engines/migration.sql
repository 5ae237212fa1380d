-- CreateTable
CREATE TABLE "Engine" (
    "id" TEXT NOT NULL,
    "runs" INTEGER NOT NULL,
    "maxRuns" INTEGER NOT NULL,
    "aliveUntil" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Engine_pkey" PRIMARY KEY ("id")
);
