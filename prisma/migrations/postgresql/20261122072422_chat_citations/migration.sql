-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "citations" TEXT;

