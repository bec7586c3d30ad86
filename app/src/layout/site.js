// The page's own script (no WASM): the phone's menu button, and the mark that tells tests
// the page's scripts run on a page without islands (islands mark it once they have run).
(() => {
	const button = document.querySelector(".menu-toggle");
	const nav = document.getElementById("site-nav");
	if (button && nav) {
		// The fold itself is CSS (`@media (scripting: enabled)`), from the first paint.
		button.hidden = false;
		button.addEventListener("click", () => {
			const open = button.getAttribute("aria-expanded") !== "true";
			button.setAttribute("aria-expanded", String(open));
			nav.classList.toggle("open", open);
		});
	}
	const main = document.getElementById("main");
	if (main && !document.querySelector("leptos-island")) main.setAttribute("data-hydrated", "true");
})();
