// What each authentication or authorization refusal says, in every language of the portal.
import type { LocalizedTexts } from "~/errors/coded";
import type { AuthErrorCode } from "./errors";

export const AUTH_TEXTS: LocalizedTexts<AuthErrorCode> = {
  en: {
    unauthorized: (p) =>
      p.via === "token" ? "A valid bearer token is required." : "Sign in first.",
    forbidden: (p) =>
      p.crossSite
        ? "This form was sent from another site, so it was refused."
        : "You may not see or change this.",
    invalid_credentials: () => "Wrong e-mail or password.",
    too_many_attempts: (p) => `Too many failed attempts. Try again in ${p.retryAfter} seconds.`,
  },
  es: {
    unauthorized: (p) =>
      p.via === "token"
        ? "Se necesita un token de acceso (bearer) válido."
        : "Inicia sesión primero.",
    forbidden: (p) =>
      p.crossSite
        ? "Este formulario se envió desde otro sitio, así que se rechazó."
        : "No tienes permiso para ver o cambiar esto.",
    invalid_credentials: () => "Correo o contraseña incorrectos.",
    too_many_attempts: (p) =>
      `Demasiados intentos fallidos. Intenta de nuevo en ${p.retryAfter} segundos.`,
  },
  "pt-BR": {
    unauthorized: (p) =>
      p.via === "token" ? "É necessário um token de acesso (bearer) válido." : "Entre primeiro.",
    forbidden: (p) =>
      p.crossSite
        ? "Este formulário foi enviado de outro site, por isso foi recusado."
        : "Você não tem permissão para ver ou alterar isto.",
    invalid_credentials: () => "E-mail ou senha incorretos.",
    too_many_attempts: (p) =>
      `Tentativas demais sem sucesso. Tente de novo em ${p.retryAfter} segundos.`,
  },
};
