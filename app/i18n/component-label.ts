// A program component's name as people read it (SPEC 3.7): the tier component by what it pays
// on, a bonus by the name the admin gave it. Screens and XLSX alike.
import { translate, type Locale } from "~/i18n/locale";

export function componentLabel(
  component: { kind: "tier" | "bonus"; name: string },
  growthBasis: boolean,
  locale: Locale,
): string {
  if (component.kind === "bonus") return component.name;
  return translate(locale, growthBasis ? "comp.growthComponent" : "comp.tierComponent");
}
