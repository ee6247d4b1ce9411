// The newsroom desk: enhancements of forms that work without it — the body in the Trix rich-text editor (a plain
// text area without JavaScript), subsections narrowed to the chosen section, a question before leaving a form with
// unsaved changes, and copy buttons.
(() => {
  "use strict";
  const ready = (fn) => document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", fn) : fn();

  // Trix writes a paragraph break as two line breaks inside one block; the article's HTML has one <p> per paragraph.
  const paragraphs = (html) => {
    const box = document.createElement("div");
    box.innerHTML = html;
    const out = [];
    for (const node of Array.from(box.childNodes)) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "P") {
        node.innerHTML.split(/(?:<br\s*\/?>\s*){2,}/i).map((part) => part.replace(/^(\s|<br\s*\/?>)+|(\s|<br\s*\/?>)+$/gi, ""))
          .filter((part) => part.length > 0).forEach((part) => out.push(`<p>${part}</p>`));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        out.push(node.outerHTML);
      } else if (node.textContent.trim()) {
        out.push(`<p>${node.textContent}</p>`);
      }
    }
    return out.join("");
  };

  const richText = () => {
    const Trix = window.Trix;
    if (!Trix) return;
    Trix.config.blockAttributes.default.tagName = "p";
    Trix.config.blockAttributes.heading1.tagName = "h2"; // the page's own h1 is the headline
    // Photos are placed in their own fields (uploaded, with caption and credit), not inside the text.
    document.addEventListener("trix-file-accept", (e) => e.preventDefault());

    document.querySelectorAll("textarea[data-rich-text]").forEach((area) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = area.name;
      input.id = `${area.id}-value`;
      input.value = area.value;
      const editor = document.createElement("trix-editor");
      editor.setAttribute("input", input.id);
      editor.id = area.id;
      editor.className = "rich-text";
      const label = document.querySelector(`label[for="${area.id}"]`);
      if (label) { editor.setAttribute("aria-labelledby", label.id || (label.id = `${area.id}-label`)); label.removeAttribute("for"); }
      for (const name of ["aria-describedby", "aria-invalid"]) if (area.hasAttribute(name)) editor.setAttribute(name, area.getAttribute(name));
      area.replaceWith(input, editor);
      input.form?.addEventListener("submit", () => { input.value = paragraphs(input.value); });
    });
  };

  // A section's subsections only: the others are hidden, and a subsection of another section is unset.
  const subsections = () => {
    document.querySelectorAll("select[data-subsections]").forEach((section) => {
      const sub = document.getElementById(section.dataset.subsections);
      if (!sub) return;
      const narrow = () => {
        sub.querySelectorAll("optgroup").forEach((group) => {
          const mine = group.dataset.section === section.value;
          group.hidden = !mine;
          group.disabled = !mine;
        });
        if (sub.selectedOptions[0]?.parentElement?.disabled) sub.value = "";
      };
      section.addEventListener("change", narrow);
      narrow();
    });
  };

  // Leaving with unsaved changes asks first; saving (any button of the form) does not.
  const unsavedWarning = () => {
    document.querySelectorAll("form[data-unsaved-warning]").forEach((form) => {
      let dirty = false;
      const changed = () => { dirty = true; };
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("trix-change", changed);
      form.addEventListener("submit", () => { dirty = false; });
      window.addEventListener("beforeunload", (e) => {
        if (!dirty) return;
        e.preventDefault();
        e.returnValue = form.dataset.unsavedWarning;
      });
    });
  };

  // A copy button beside a secret shown once (the admin desk's new API key).
  const copyButtons = () => {
    document.querySelectorAll("[data-copy]").forEach((button) => {
      const source = document.getElementById(button.dataset.copy);
      if (!source || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", async () => {
        await navigator.clipboard.writeText(source.value ?? source.textContent);
        const status = document.getElementById(button.dataset.copyStatus);
        if (status) status.textContent = "Copied.";
      });
    });
  };

  ready(() => { richText(); subsections(); unsavedWarning(); copyButtons(); });
})();
