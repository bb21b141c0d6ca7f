//! The only parts of the app that ship as WASM. Each renders full HTML on
//! the server, so the page works before the WASM arrives; once hydrated it
//! adds a little comfort (photo preview, a visible "uploading" state,
//! showing the password).

use leptos::prelude::*;

/// A form for uploads that shows it is busy once submitted, so nobody on a
/// slow connection taps "submit" three times.
#[island]
pub fn UploadForm(action: String, submit_label: String, sending_label: String, children: Children) -> impl IntoView {
    let sending = RwSignal::new(false);
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="form"
            on:submit=move |_| sending.set(true)>
            {children()}
            <button type="submit" class="btn primary big" aria-busy=move || sending.get().to_string()>
                {move || if sending.get() { sending_label.clone() } else { submit_label.clone() }}
            </button>
        </form>
    }
}

/// File input for one photo, with a preview of the chosen picture.
#[island]
pub fn PhotoPicker(label: String, hint: String, too_large: String, required: bool) -> impl IntoView {
    let preview = RwSignal::new(None::<String>);
    let oversized = RwSignal::new(false);
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            // Same limit as the server's; checked here so nobody waits for a
            // 20 MB upload on a weak signal only to be refused.
            const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;
            let input = _ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let mut file = input.as_ref().and_then(|i| i.files()).and_then(|files| files.get(0));
            let too_big = file.as_ref().is_some_and(|f| f.size() > MAX_BYTES);
            oversized.set(too_big);
            if too_big {
                if let Some(i) = &input {
                    i.set_value("");
                }
                file = None;
            }
            if let Some(old) = preview.get_untracked() {
                let _ = web_sys::Url::revoke_object_url(&old);
            }
            preview.set(file.and_then(|f| web_sys::Url::create_object_url_with_blob(&f).ok()));
        }
    };
    view! {
        <label for="photo">{label}</label>
        <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp"
            required=required on:change=on_change/>
        <small>{hint}</small>
        {move || oversized.get().then(|| view! { <p class="error" role="alert">{too_large.clone()}</p> })}
        {move || preview.get().map(|src| view! { <img class="preview" src=src alt=""/> })}
    }
}

/// A password input with a "show password" switch, which helps people who
/// type slowly on small keyboards.
#[island]
pub fn PasswordField(
    name: String,
    id: String,
    label: String,
    hint: String,
    show_label: String,
    new_password: bool,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    let toggle_id = format!("{id}-show");
    let toggle_for = toggle_id.clone();
    let label_for = id.clone();
    view! {
        <label for=label_for>{label}</label>
        <input id=id name=name required
            type=move || if visible.get() { "text" } else { "password" }
            autocomplete=if new_password { "new-password" } else { "current-password" }/>
        {(!hint.is_empty()).then(|| view! { <small>{hint}</small> })}
        <label class="check" for=toggle_for>
            <input type="checkbox" id=toggle_id on:change=move |_| visible.update(|v| *v = !*v)/>
            {show_label}
        </label>
    }
}

/// File input for up to `max` photos, with a preview grid and the same
/// per-photo size limit as the server's, checked before uploading.
#[island]
pub fn MultiPhotoPicker(label: String, hint: String, too_large: String, too_many: String, max: u32) -> impl IntoView {
    let previews = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<String>);
    // The checks run only in the browser.
    #[cfg(not(feature = "hydrate"))]
    let _ = (&too_large, &too_many, max);
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;
            let Some(input) = _ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            for old in previews.get_untracked() {
                let _ = web_sys::Url::revoke_object_url(&old);
            }
            let files: Vec<web_sys::File> = input
                .files()
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            let trouble = if files.len() > max as usize {
                Some(too_many.clone())
            } else if files.iter().any(|f| f.size() > MAX_BYTES) {
                Some(too_large.clone())
            } else {
                None
            };
            // The choice is kept (and previewed) but the form will not send
            // until it is fixed: nobody loses photos by missing the message.
            input.set_custom_validity(trouble.as_deref().unwrap_or(""));
            previews.set(files.iter().filter_map(|f| web_sys::Url::create_object_url_with_blob(f).ok()).collect());
            problem.set(trouble);
        }
    };
    view! {
        <label for="photos">{label}</label>
        <input id="photos" name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" on:change=on_change/>
        <small>{hint}</small>
        {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        <div class="photo-grid previews">
            {move || previews.get().into_iter().map(|src| view! { <img src=src alt=""/> }).collect_view()}
        </div>
    }
}
