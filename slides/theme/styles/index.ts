// Styles of the book's deck theme: Slidev's base layout CSS, then ours (light and dark).
import '@slidev/client/styles/layouts-base.css'
import './book.css'
