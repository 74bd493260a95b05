//! Interface languages: the six official UN languages, through Fluent (`locales/<lang>/*.ftl`,
//! compiled into the binary). Arabic is written right to left.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Values are wrapped in <bdi> by the templates; Fluent's invisible isolation marks
        // would otherwise end up inside attributes and test strings.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// One of the six interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(&'static str);

static IDS: LazyLock<HashMap<&'static str, LanguageIdentifier>> = LazyLock::new(|| {
    agora_core::UI_LANGUAGES
        .iter()
        .map(|code| {
            (
                *code,
                code.parse().expect("UI language codes are valid BCP 47"),
            )
        })
        .collect()
});

impl Lang {
    pub const EN: Lang = Lang("en");

    /// The language for a BCP 47 tag, if it is one of the six (`fr-CH` gives `fr`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        agora_core::UI_LANGUAGES
            .iter()
            .find(|code| **code == primary)
            .map(|code| Lang(code))
    }

    /// The best of the six for an `Accept-Language` header, by quality.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut offers: Vec<(f32, Lang)> = accept_language
            .split(',')
            .filter_map(|offer| {
                let mut parts = offer.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let quality = parts
                    .find_map(|p| {
                        p.trim()
                            .strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                    })
                    .unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        offers.sort_by(|a, b| b.0.total_cmp(&a.0));
        offers.first().map(|(_, lang)| *lang)
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    pub fn dir(self) -> &'static str {
        if self.0 == "ar" { "rtl" } else { "ltr" }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self.0 {
            "ar" => "العربية",
            "zh" => "中文",
            "fr" => "Français",
            "ru" => "Русский",
            "es" => "Español",
            _ => "English",
        }
    }

    pub fn all() -> impl Iterator<Item = Lang> {
        agora_core::UI_LANGUAGES.iter().map(|code| Lang(code))
    }

    /// The message `id` in this language (English when this language lacks it).
    pub fn t(self, id: &str) -> String {
        LOCALES.lookup(&IDS[self.0], id)
    }

    /// The message `id` with named arguments.
    pub fn t_args(self, id: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(&IDS[self.0], id, &args)
    }

    /// True when the message exists in the bundles (any language).
    pub fn has(self, id: &str) -> bool {
        LOCALES.try_lookup(&IDS[self.0], id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_quality() {
        assert_eq!(
            Lang::negotiate("de-DE, fr;q=0.8, ar;q=0.9").unwrap().code(),
            "ar"
        );
        assert_eq!(Lang::negotiate("zh-CN").unwrap().code(), "zh");
        assert!(Lang::negotiate("de, it").is_none());
        assert_eq!(Lang::from_tag("ar").unwrap().dir(), "rtl");
    }
}
