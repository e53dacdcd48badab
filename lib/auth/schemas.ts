import { z } from "zod";
import { userText } from "../forms/text";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter a valid email address." }));

export const PASSWORD_MIN_LENGTH = 10;

const passwordSchema = userText()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

const displayNameSchema = userText().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters.");

export const registrationSchema = z.object({
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
