// NewsPlatform Daily: small enhancements of pages that work without it — the mobile section menu as a
// button, text size for articles (remembered in this browser), search suggestions while typing, print.
(() => {
  "use strict";
  const root = document.documentElement;
  const FONT_KEY = "np-font-step";

  // Text size: -2 … +4 steps, kept in this browser only (no cookie, so pages stay cacheable).
  const applyFont = (step) => root.style.setProperty("--font-step", String(step));
  const storedStep = () => { try { return Number(localStorage.getItem(FONT_KEY)) || 0; } catch { return 0; } };
  applyFont(storedStep());

  const ready = (fn) => document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", fn) : fn();

  ready(() => {
    // The section menu: an in-page link without JavaScript, a disclosure button with it.
    document.querySelectorAll("[data-menu-toggle]").forEach((link) => {
      const menu = document.getElementById(link.dataset.menuToggle);
      if (!menu) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.textContent = link.textContent;
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", menu.id);
      link.replaceWith(button);
      const setOpen = (open) => { menu.classList.toggle("open", open); button.setAttribute("aria-expanded", String(open)); };
      button.addEventListener("click", () => setOpen(!menu.classList.contains("open")));
      menu.addEventListener("keydown", (e) => { if (e.key === "Escape" && menu.classList.contains("open")) { setOpen(false); button.focus(); } });
    });

    // Subsection pop-ups dismissable with Escape (they open on hover and focus).
    document.querySelectorAll(".section-menu > .section").forEach((item) => {
      item.addEventListener("keydown", (e) => {
        if (e.key !== "Escape") return;
        item.classList.add("dismissed");
        item.querySelector("a")?.focus();
      });
      const reset = () => item.classList.remove("dismissed");
      item.addEventListener("mouseleave", reset);
      item.addEventListener("focusout", (e) => { if (!item.contains(e.relatedTarget)) reset(); });
    });

    document.querySelectorAll("[data-font-size]").forEach((tools) => {
      tools.hidden = false;
      tools.addEventListener("click", (e) => {
        const step = e.target.closest("[data-font-step]")?.dataset.fontStep;
        if (!step) return;
        const next = Math.max(-2, Math.min(4, storedStep() + Number(step)));
        try { localStorage.setItem(FONT_KEY, String(next)); } catch { /* private mode: this page only */ }
        applyFont(next);
      });
    });

    document.querySelectorAll("[data-print]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => window.print());
    });

    document.querySelectorAll("input[data-suggest]").forEach(suggest);
  });

  // Headline suggestions for a search box (the ARIA combobox pattern); Enter on a suggestion opens it.
  function suggest(input) {
    const list = document.getElementById(input.dataset.suggest);
    if (!list) return;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    let timer = 0, controller = null, active = -1;

    const close = () => { list.hidden = true; list.replaceChildren(); active = -1; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); };
    const mark = (index) => {
      const options = list.querySelectorAll("[role=option]");
      options.forEach((o, i) => o.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id); else input.removeAttribute("aria-activedescendant");
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(async () => {
        controller?.abort();
        controller = new AbortController();
        try {
          const response = await fetch(`/api/search/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal, headers: { Accept: "application/json" } });
          if (!response.ok) { close(); return; }
          const suggestions = await response.json();
          if (input.value.trim() !== q) return;
          list.replaceChildren(...suggestions.slice(0, 8).map((s, i) => {
            const item = document.createElement("li");
            item.id = `${list.id}-${i}`;
            item.setAttribute("role", "option");
            item.setAttribute("aria-selected", "false");
            const link = document.createElement("a");
            link.href = `/articles/${encodeURIComponent(s.slug)}`;
            link.textContent = s.headline;
            link.tabIndex = -1;
            item.append(link);
            return item;
          }));
          const any = suggestions.length > 0;
          list.hidden = !any;
          input.setAttribute("aria-expanded", String(any));
          active = -1;
        } catch (e) { if (e.name !== "AbortError") close(); }
      }, 150);
    });

    input.addEventListener("keydown", (e) => {
      const options = list.querySelectorAll("[role=option]");
      if (list.hidden || options.length === 0) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % options.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(active <= 0 ? options.length - 1 : active - 1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.assign(options[active].querySelector("a").href); }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }
})();
